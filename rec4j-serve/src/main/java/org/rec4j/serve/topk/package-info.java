/**
 * Top-k retrieval for served models: {@link org.rec4j.serve.topk.DotProduct} views dot-product models (MF, GMF) as
 * user and item vectors, {@link org.rec4j.serve.topk.HnswTopK} indexes those vectors for approximate maximum inner
 * product search on large catalogs, and {@link org.rec4j.serve.topk.ItemEmbeddings} answers item-to-item cosine
 * similarity.
 */
package org.rec4j.serve.topk;
