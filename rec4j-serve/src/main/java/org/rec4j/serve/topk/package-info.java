/**
 * Top-k retrieval for served models: {@link org.rec4j.serve.topk.DotProduct} views a model with the
 * {@code DotProductModel} capability (today MF, GMF) as user and item vectors, {@link
 * org.rec4j.serve.topk.HnswTopK} indexes those vectors for approximate maximum inner product search
 * on large catalogs, {@link org.rec4j.serve.topk.FoldIn} fits a vector for a new user, and {@link
 * org.rec4j.serve.topk.ItemEmbeddings} answers item-to-item cosine similarity over the model's
 * {@code ItemEmbeddingTables}. Nothing here knows a model's name, class or parameter names.
 */
package org.rec4j.serve.topk;
