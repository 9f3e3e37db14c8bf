/**
 * The rec4j HTTP recommendation service (issue 7; routes in docs/api.md). Depends on models and
 * artifacts (rec4j-core), never on training code.
 *
 * <p>{@link org.rec4j.serve.Server} starts Javalin with one config lambda and the handlers of
 * {@link org.rec4j.serve.Api}; {@link org.rec4j.serve.ServingRegistry} loads model versions and
 * swaps them atomically; {@link org.rec4j.serve.ServedModel} answers for one version; {@link
 * org.rec4j.serve.RecommendationCache} keeps recent answers; {@link org.rec4j.serve.ServeMetrics}
 * exports Prometheus metrics. Sub-package {@code topk} holds the dot-product, HNSW and
 * embedding-similarity search; {@code events} the durable event store.
 */
package org.rec4j.serve;
