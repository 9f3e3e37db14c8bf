package org.rec4j.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.rec4j.serve.events.EventStore;
import org.rec4j.serve.topk.HnswTopK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rec4j HTTP recommendation service: {@link #start} loads every model under {@link
 * Config#modelsDir()} and serves the routes of docs/api.md on Javalin; {@link #stop} stops
 * accepting connections, lets requests in flight finish (up to {@link Config#drainTimeout()}) and
 * releases the event store it created.
 *
 * <pre>{@code
 * Server s = Server.start(Server.Config.defaults(Path.of("models")).withPort(8080));
 * s.stopOnShutdown();   // SIGTERM / Ctrl-C drain in-flight requests
 * s.join();             // blocks until stopped
 * }</pre>
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  /**
   * Server settings.
   *
   * @param modelsDir directory of models: {@code <name>/<version>/} artifacts (directories or
   *     {@code .zip}), or an artifact directly in {@code <name>/} (see {@link ServingRegistry})
   * @param host interface to bind ({@code 127.0.0.1} for loopback only, {@code 0.0.0.0} for all)
   * @param port TCP port; 0 picks a free one ({@link #port()} tells which)
   * @param cacheSize recommendation answers kept in the LRU cache (0 disables it)
   * @param hnswThreshold catalogs of at least this many items use an HNSW index for dot-product
   *     models
   * @param hnsw HNSW graph parameters
   * @param maxK the largest k a request may ask for
   * @param maxBatch the most users per batch request and events per events request
   * @param maxRequestBytes request bodies larger than this are refused with 413
   * @param drainTimeout how long {@link #stop} waits for requests in flight
   * @param defaultModel the model name used when a request names none (null: the first name in
   *     sorted order)
   * @param eventStore where events go; null uses an {@link InMemoryEventStore} (not durable). A
   *     store passed in is not closed by the server.
   */
  public record Config(
      Path modelsDir,
      String host,
      int port,
      int cacheSize,
      int hnswThreshold,
      HnswTopK.Params hnsw,
      int maxK,
      int maxBatch,
      long maxRequestBytes,
      Duration drainTimeout,
      String defaultModel,
      EventStore eventStore) {
    /** Validates every field. */
    public Config {
      if (modelsDir == null) throw new IllegalArgumentException("modelsDir: expected a directory");
      if (host == null || host.isBlank())
        throw new IllegalArgumentException("host: expected an interface address, e.g. 127.0.0.1");
      if (port < 0 || port > 65535)
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      if (cacheSize < 0)
        throw new IllegalArgumentException("cacheSize must be >= 0, got " + cacheSize);
      if (hnswThreshold < 1)
        throw new IllegalArgumentException("hnswThreshold must be >= 1, got " + hnswThreshold);
      if (hnsw == null) throw new IllegalArgumentException("hnsw: expected graph parameters");
      if (maxK < 1) throw new IllegalArgumentException("maxK must be >= 1, got " + maxK);
      if (maxBatch < 1)
        throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
      if (maxRequestBytes < 1024)
        throw new IllegalArgumentException(
            "maxRequestBytes must be >= 1024, got " + maxRequestBytes);
      if (drainTimeout == null || drainTimeout.isNegative())
        throw new IllegalArgumentException("drainTimeout must be >= 0, got " + drainTimeout);
    }

    /**
     * Loopback on port 8080, cache of 10,000 answers, HNSW from 50,000 items, k ≤ 1,000, batches ≤
     * 1,000, bodies ≤ 1 MiB, 10 s drain, in-memory events.
     */
    public static Config defaults(Path modelsDir) {
      return new Config(
          modelsDir,
          "127.0.0.1",
          8080,
          10_000,
          50_000,
          HnswTopK.Params.defaults(),
          1000,
          1000,
          1 << 20,
          Duration.ofSeconds(10),
          null,
          null);
    }

    /** A copy with another port. */
    public Config withPort(int p) {
      return new Config(
          modelsDir,
          host,
          p,
          cacheSize,
          hnswThreshold,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          drainTimeout,
          defaultModel,
          eventStore);
    }

    /** A copy with another host. */
    public Config withHost(String h) {
      return new Config(
          modelsDir,
          h,
          port,
          cacheSize,
          hnswThreshold,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          drainTimeout,
          defaultModel,
          eventStore);
    }

    /** A copy with another cache size. */
    public Config withCacheSize(int n) {
      return new Config(
          modelsDir,
          host,
          port,
          n,
          hnswThreshold,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          drainTimeout,
          defaultModel,
          eventStore);
    }

    /** A copy with another HNSW threshold. */
    public Config withHnswThreshold(int n) {
      return new Config(
          modelsDir,
          host,
          port,
          cacheSize,
          n,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          drainTimeout,
          defaultModel,
          eventStore);
    }

    /** A copy with other limits. */
    public Config withLimits(int k, int batch, long bytes) {
      return new Config(
          modelsDir,
          host,
          port,
          cacheSize,
          hnswThreshold,
          hnsw,
          k,
          batch,
          bytes,
          drainTimeout,
          defaultModel,
          eventStore);
    }

    /** A copy with another drain timeout. */
    public Config withDrainTimeout(Duration d) {
      return new Config(
          modelsDir,
          host,
          port,
          cacheSize,
          hnswThreshold,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          d,
          defaultModel,
          eventStore);
    }

    /** A copy with another default model name. */
    public Config withDefaultModel(String name) {
      return new Config(
          modelsDir,
          host,
          port,
          cacheSize,
          hnswThreshold,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          drainTimeout,
          name,
          eventStore);
    }

    /** A copy with another event store. */
    public Config withEventStore(EventStore s) {
      return new Config(
          modelsDir,
          host,
          port,
          cacheSize,
          hnswThreshold,
          hnsw,
          maxK,
          maxBatch,
          maxRequestBytes,
          drainTimeout,
          defaultModel,
          s);
    }
  }

  private final Config config;
  private final Javalin app;
  private final Api api;
  private final EventStore ownedStore;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<String> routes;
  private volatile Thread hook;

  private Server(Config config, Javalin app, Api api, EventStore ownedStore, List<String> routes) {
    this.config = config;
    this.routes = routes;
    this.app = app;
    this.api = api;
    this.ownedStore = ownedStore;
  }

  /**
   * Loads the models and starts serving.
   *
   * @throws IllegalArgumentException if the models directory is missing or the host and port cannot
   *     be bound
   * @throws PortInUseException if another process listens on the port
   */
  public static Server start(Config config) {
    if (!Files.isDirectory(config.modelsDir()))
      throw new IllegalArgumentException(
          "modelsDir: " + config.modelsDir() + " is not a directory");
    checkPortFree(config.host(), config.port());
    EventStore owned = null;
    EventStore store = config.eventStore();
    if (store == null) {
      LOG.warn("no event store configured: events are kept in memory and lost on restart");
      store = owned = new InMemoryEventStore();
    }
    RecommendationCache<ServedModel.Ranked> cache = new RecommendationCache<>(config.cacheSize());
    ServeMetrics metrics = new ServeMetrics(cache);
    ServingRegistry[] holder = new ServingRegistry[1];
    ServingRegistry models =
        holder[0] =
            new ServingRegistry(
                config.modelsDir(),
                config.hnswThreshold(),
                config.hnsw(),
                (before, after) -> {
                  cache.clear();
                  if (holder[0] != null) metrics.modelsChanged(holder[0]);
                });
    int loaded = models.loadAll();
    metrics.modelsChanged(models);
    if (loaded == 0)
      LOG.warn(
          "no loadable model under {}; /readyz stays 503 until one is reloaded",
          config.modelsDir());
    Api api = new Api(config, models, cache, store, metrics);
    List<String> routes = new CopyOnWriteArrayList<>();
    Javalin app =
        Javalin.create(cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.events.handlerAdded(h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
          cfg.http.maxRequestSize = config.maxRequestBytes();
          cfg.http.defaultContentType = "application/json";
          cfg.jetty.host = config.host();
          cfg.jetty.port = config.port();
          cfg.http.prefer405over404 = true;
          cfg.jetty.modifyServer(server -> {
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(config.drainTimeout().toMillis());
            server.setErrorHandler(new JsonErrorHandler());
          });
          cfg.jetty.modifyServletContextHandler(
              context -> context.setErrorHandler(new JsonErrorHandler()));
          cfg.router.javaLangErrorHandler((res, err) -> {
            LOG.error("request failed", err);
            res.setStatus(500);
            res.setContentType("application/json");
            try {
              res.getOutputStream()
                  .write(
                      Api.bytes(
                          errorBody("internal error: " + err.getClass().getSimpleName(), null)));
            } catch (java.io.IOException io) {
              // the client is gone
            }
          });
          cfg.requestLogger.http((ctx, ms) ->
              metrics.request(
                  route(ctx),
                  ctx.method().name(),
                  ctx.statusCode(),
                  ctx.attribute(Api.MODEL_ATTR),
                  (long) (ms * 1e6)));
          cfg.routes.get("/v1/recommendations", api::recommend);
          cfg.routes.post("/v1/recommendations:batch", api::recommendBatch);
          cfg.routes.post("/v1/recommendations/session", api::recommendSession);
          cfg.routes.post("/v1/scores", api::scores);
          cfg.routes.get("/v1/scores", api::userScores);
          cfg.routes.get("/v1/items/{id}/similar", api::similar);
          cfg.routes.get("/v1/models", api::listModels);
          cfg.routes.post("/v1/models/{name}:reload", api::reload);
          cfg.routes.post("/v1/events", api::events);
          cfg.routes.get("/healthz", api::healthz);
          cfg.routes.get("/readyz", api::readyz);
          cfg.routes.get("/metrics", api::metrics);
          cfg.routes.get("/openapi.json", api::openapi);
          cfg.routes.exception(
              ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field()));
          cfg.routes.exception(
              MethodNotAllowedResponse.class,
              (e, ctx) -> {
                String allow = String.join(", ", e.getDetails().values());
                ctx.header("Allow", allow);
                error(
                    ctx,
                    405,
                    "method "
                        + ctx.method().name()
                        + " is not allowed on "
                        + ctx.path()
                        + "; allowed: "
                        + allow,
                    null);
              });
          cfg.routes.exception(
              HttpResponseException.class,
              (e, ctx) ->
                  error(ctx, e.getStatus(), e.getMessage(), e.getStatus() == 413 ? "body" : null));
          cfg.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
              });
        });
    try {
      app.start();
    } catch (JavalinBindException e) { // taken between the check above and the bind
      app.stop();
      if (owned != null) owned.close();
      if (String.valueOf(e.getMessage()).contains("already in use"))
        throw new PortInUseException(config.host(), config.port(), e);
      throw new IllegalArgumentException(
          "host/port: cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
    Server s = new Server(config, app, api, owned, List.copyOf(routes));
    LOG.info("rec4j serving {} model(s) on {}", loaded, s.uri());
    return s;
  }

  /**
   * Fails fast, before the models load, when another process listens on the port (the bind at start
   * still catches a port taken in between).
   */
  private static void checkPortFree(String host, int port) {
    if (port == 0) return;
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as Jetty binds: a port left in TIME_WAIT is free
      probe.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      if (String.valueOf(e.getMessage()).contains("in use"))
        throw new PortInUseException(host, port, e);
      throw new IllegalArgumentException(
          "host/port: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "host/port: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static String route(Context ctx) {
    try {
      var e = ctx.endpoint();
      return e == null ? "unmatched" : e.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  private static void error(Context ctx, int status, String message, String field) {
    ctx.status(status).contentType("application/json").result(Api.bytes(errorBody(message, field)));
  }

  private static Map<String, Object> errorBody(String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    return body;
  }

  /**
   * The registered routes as {@code "METHOD /path"} (the OpenAPI test checks each is documented).
   */
  public List<String> routes() {
    return routes;
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** The base URI, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + config.host() + ":" + port());
  }

  /**
   * Stops gracefully: /readyz turns 503, the connector stops accepting, requests in flight finish
   * (up to the drain timeout), then the server and any event store it created close. Idempotent.
   */
  public synchronized void stop() {
    if (stopped.getCount() == 0) return;
    api.startDraining();
    app.stop();
    if (ownedStore != null) ownedStore.close();
    stopped.countDown();
    Thread h = hook;
    if (h != null && Thread.currentThread() != h) {
      try {
        Runtime.getRuntime().removeShutdownHook(h);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Registers a JVM shutdown hook that calls {@link #stop} (SIGTERM, Ctrl-C drain in-flight
   * requests).
   */
  public Server stopOnShutdown() {
    Thread h = new Thread(this::stop, "rec4j-serve-shutdown");
    hook = h;
    Runtime.getRuntime().addShutdownHook(h);
    return this;
  }

  /** Blocks until {@link #stop} has finished. */
  public void join() throws InterruptedException {
    stopped.await();
  }

  /**
   * Minimal launcher for scripts and benchmarks ({@code rec4j serve} is the real command): {@code
   * Server MODELS_DIR [PORT [HOST]]}, with system properties {@code rec4j.serve.cache} (cache size)
   * and {@code rec4j.serve.hnswThreshold}.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: org.rec4j.serve.Server MODELS_DIR [PORT [HOST]]");
      System.exit(2);
    }
    Config c = Config.defaults(Path.of(args[0]));
    if (args.length > 1) c = c.withPort(Integer.parseInt(args[1]));
    if (args.length > 2) c = c.withHost(args[2]);
    c = c.withCacheSize(Integer.getInteger("rec4j.serve.cache", c.cacheSize()));
    c = c.withHnswThreshold(Integer.getInteger("rec4j.serve.hnswThreshold", c.hnswThreshold()));
    start(c).stopOnShutdown().join();
  }
}
