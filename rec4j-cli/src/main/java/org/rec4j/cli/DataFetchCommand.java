package org.rec4j.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.data.catalog.CatalogEntry;
import org.rec4j.data.catalog.DatasetCatalog;
import org.rec4j.data.catalog.DatasetFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j data fetch NAME [--cache DIR] [--url URL] [--sha256 HEX] [--json]}: downloads a
 * catalog data set (see {@link DatasetCatalog}), verifies and unpacks it. JSON keys: {@code name,
 * folder, seconds}.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description =
        "Download, verify and unpack a data set into the cache (ml-100k, ml-1m, ml-latest-small).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j data fetch ml-100k            # then --data ml-100k:~/.rec4j/datasets/ml-100k",
      "  rec4j data fetch ml-1m --cache data/ --json"
    })
public final class DataFetchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "Catalog name.")
  String name;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Cache folder (default ~/.rec4j/datasets).")
  Path cache;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Download from this URL instead of the official one.")
  URI url;

  @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the archive.")
  String sha256;

  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CatalogEntry entry = DatasetCatalog.get(name);
    long t0 = System.nanoTime();
    DatasetFetcher fetcher =
        new DatasetFetcher(cache != null ? cache : DatasetFetcher.defaultCache(), out);
    Path folder = fetcher.fetch(entry, url, sha256);
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.println("use: --data " + entry.format().label() + ":" + folder);
    if (json.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", entry.name());
      m.put("folder", folder.toString());
      m.put("seconds", seconds);
      JsonMixin.print(out, m);
    }
    out.flush();
    return ExitCode.OK;
  }
}
