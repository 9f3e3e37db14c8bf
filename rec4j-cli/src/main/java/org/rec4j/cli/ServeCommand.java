package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rec4j.serve.PortInUseException;
import org.rec4j.serve.Server;
import org.rec4j.serve.events.EventStore;
import org.rec4j.serve.events.JdbcEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j serve}: the HTTP recommendation service (module rec4j-serve) over a models directory
 * laid out as {@code DIR/<name>/<version>/} (each version an artifact directory or {@code
 * <version>.zip}, e.g. written by {@code rec4j train --save DIR/neumf/v1}) or holding an artifact
 * directly as {@code DIR/<name>/} ({@code rec4j train --save DIR/neumf8}, served as {@code
 * neumf8@v1}). Events go to a SQLite file by default or to PostgreSQL when given a JDBC URL. Runs
 * until SIGTERM / Ctrl-C, then drains in-flight requests. The API is in docs/api.md and at {@code
 * /openapi.json}. A missing models directory, one that is itself an artifact, or a port in use are
 * one-line usage errors (exit code 2).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Serve recommendations over HTTP from a directory of saved models.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j train --model mf --data synthetic:kind=implicit --epochs 5 --save models/mf/v1",
      "  rec4j serve --models models --port 8080",
      "  curl 'http://localhost:8080/v1/recommendations?user=u17&k=5'",
      "  rec4j serve --models models --events jdbc:postgresql://localhost:5432/rec4j?user=rec4j&password=rec4j"
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--models",
      required = true,
      paramLabel = "DIR",
      description =
          "Models directory: DIR/<name>/<version>/ (or <version>.zip), or DIR/<name>/ holding an artifact (served as <name>@v1).")
  Path models;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port (default 8080; 0 picks a free one).")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Interface to listen on (default 127.0.0.1; 0.0.0.0 for all).")
  String host = "127.0.0.1";

  @Option(
      names = "--events",
      paramLabel = "FILE|URL",
      description = "Event store: a SQLite file (default DIR/events.db) or a jdbc:postgresql: URL.")
  String events;

  @Option(
      names = "--cache",
      paramLabel = "N",
      description = "Cached answers (LRU; default 10000, 0 = off).")
  Integer cache;

  @Option(
      names = "--hnsw-threshold",
      paramLabel = "N",
      description =
          "Catalog size from which dot-product models use the HNSW index (default 50000).")
  Integer hnswThreshold;

  @Option(
      names = "--default-model",
      paramLabel = "NAME",
      description = "Model used when a request names none.")
  String defaultModel;

  @Spec CommandSpec spec;

  private static final String LAYOUT =
      "a directory of models, DIR/<name>/<version>/model.json (or <version>.zip) or DIR/<name>/model.json";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(models)) {
      throw new IllegalArgumentException(
          "--models "
              + models
              + ": "
              + (Files.exists(models) ? "not a directory" : "no such directory")
              + "; expected "
              + LAYOUT);
    }
    if (Files.isRegularFile(models.resolve("model.json"))) {
      Path abs = models.toAbsolutePath().normalize();
      throw new IllegalArgumentException(
          "--models "
              + models
              + " is itself a model artifact; pass the directory that holds it (--models "
              + abs.getParent()
              + " serves it as '"
              + abs.getFileName()
              + "'); expected "
              + LAYOUT);
    }
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("--port: expected 0..65535, got " + port);
    EventStore store =
        JdbcEventStore.open(events != null ? events : models.resolve("events.db").toString());
    try {
      Server.Config c =
          Server.Config.defaults(models).withPort(port).withHost(host).withEventStore(store);
      if (cache != null) c = c.withCacheSize(cache);
      if (hnswThreshold != null) c = c.withHnswThreshold(hnswThreshold);
      if (defaultModel != null) c = c.withDefaultModel(defaultModel);
      Server s;
      try {
        s = Server.start(c).stopOnShutdown();
      } catch (PortInUseException e) {
        throw new IllegalArgumentException(
            "--port: port "
                + e.port()
                + " is in use on "
                + host
                + " (another process listens there);"
                + " stop it or pass another --port (0 picks a free one)",
            e);
      }
      out.println(
          "rec4j serve: listening on http://"
              + host
              + ":"
              + s.port()
              + " (events: "
              + store
              + "); Ctrl-C stops");
      out.flush();
      s.join();
    } finally {
      store.close();
    }
    return ExitCode.OK;
  }
}
