package org.rec4j.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's Prometheus metrics (names as scraped from {@code /metrics}):
 *
 * <ul>
 *   <li>{@code rec4j_http_requests_seconds_{count,sum,bucket}}: latency histogram by {@code route},
 *       {@code method}, {@code status} and {@code model} ({@code name@version}, or {@code none});
 *   <li>{@code rec4j_http_errors_total}: 4xx and 5xx answers by {@code route} and {@code status};
 *   <li>{@code rec4j_cache_hits_total}, {@code rec4j_cache_misses_total}, {@code
 *       rec4j_cache_hit_ratio}, {@code rec4j_cache_entries}: the recommendation cache;
 *   <li>{@code rec4j_model_info}: 1 for each loaded model, labelled {@code name}, {@code version},
 *       {@code type}, {@code top_k} and {@code role} (current or previous);
 *   <li>{@code rec4j_events_appended_total}, {@code rec4j_model_swaps_total};
 *   <li>{@code rec4j_session_unknown_items_total}: items of {@code POST
 *       /v1/recommendations/session} bodies the model does not know (skipped; many of them hint at
 *       a model older than the catalog).
 * </ul>
 */
public final class ServeMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge modelInfo;
  private final Counter events;
  private final Counter swaps;
  private final Counter sessionUnknown;

  /** Metrics over {@code cache}. */
  public ServeMetrics(RecommendationCache<?> cache) {
    FunctionCounter.builder("rec4j.cache.hits", cache, RecommendationCache::hits)
        .description("recommendation cache hits")
        .register(registry);
    FunctionCounter.builder("rec4j.cache.misses", cache, RecommendationCache::misses)
        .description("recommendation cache misses")
        .register(registry);
    Gauge.builder("rec4j.cache.hit.ratio", cache, RecommendationCache::hitRate)
        .description("hits / lookups since start")
        .register(registry);
    Gauge.builder("rec4j.cache.entries", cache, RecommendationCache::size)
        .description("cached answers")
        .register(registry);
    modelInfo =
        MultiGauge.builder("rec4j.model.info")
            .description("loaded models (value 1)")
            .register(registry);
    events =
        Counter.builder("rec4j.events.appended")
            .description("events acknowledged by POST /v1/events")
            .register(registry);
    swaps =
        Counter.builder("rec4j.model.swaps")
            .description("switches of a model's current version")
            .register(registry);
    sessionUnknown =
        Counter.builder("rec4j.session.unknown.items")
            .description("session items the model does not know (skipped)")
            .register(registry);
  }

  /** Records one answered request. */
  public void request(String route, String method, int status, String model, long nanos) {
    Timer.builder("rec4j.http.requests")
        .description("HTTP requests by route and model")
        .tags(
            "route",
            route,
            "method",
            method,
            "status",
            Integer.toString(status),
            "model",
            model == null ? "none" : model)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (status >= 400)
      Counter.builder("rec4j.http.errors")
          .tags("route", route, "status", Integer.toString(status))
          .register(registry)
          .increment();
  }

  /** Counts acknowledged events. */
  public void eventsAppended(int n) {
    events.increment(n);
  }

  /** Counts session items the answering model did not know. */
  public void sessionItemsUnknown(int n) {
    sessionUnknown.increment(n);
  }

  /** Republishes the model info gauge after a swap. */
  public void modelsChanged(ServingRegistry models) {
    swaps.increment();
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (var d : models.describe()) {
      for (Object o : (List<?>) d.get("loaded")) {
        var m = (java.util.Map<?, ?>) o;
        String role =
            m.get("version").equals(d.get("current"))
                ? "current"
                : m.get("version").equals(d.get("previous")) ? "previous" : "loaded";
        rows.add(
            MultiGauge.Row.of(
                Tags.of(
                    "name",
                    (String) d.get("name"),
                    "version",
                    (String) m.get("version"),
                    "type",
                    (String) m.get("type"),
                    "top_k",
                    (String) m.get("top_k"),
                    "role",
                    role),
                1));
      }
    }
    modelInfo.register(rows, true);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
