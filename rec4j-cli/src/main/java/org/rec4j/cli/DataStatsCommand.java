package org.rec4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.data.Dataset;
import org.rec4j.data.DatasetStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j data stats --data FORMAT:PATH [--json]}: loads the data (timed) and prints its
 * statistics. JSON keys: {@code users, items, interactions, density, seconds}, plus {@code
 * min_timestamp, max_timestamp, zero_timestamps, user_count_quantiles, item_count_quantiles,
 * rating_histogram, notes}.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Load data and print its statistics.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j data stats --data synthetic --json",
      "  rec4j data stats --data ml-1m:../shared/data/ml-1m/ratings_reconstructed.dat",
      "  rec4j data stats --data csv:ratings.csv?header=true&user=userId&item=movieId&rating=rating"
    })
public final class DataStatsCommand implements Callable<Integer> {
  @Mixin DataMixin data;
  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Dataset ds = data.spec().load();
    DatasetStats s = ds.interactions().stats();
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.println("data          " + ds.name());
    out.print(s.describe());
    ds.items()
        .ifPresent(f ->
            out.println(
                "item features "
                    + f.schema().features().size()
                    + " ("
                    + String.join(", ", f.schema().features().stream().map(x -> x.name()).toList())
                    + ")"));
    ds.users()
        .ifPresent(f ->
            out.println(
                "user features "
                    + f.schema().features().size()
                    + " ("
                    + String.join(", ", f.schema().features().stream().map(x -> x.name()).toList())
                    + ")"));
    ds.split()
        .ifPresent(sp ->
            out.printf(
                "given split   train %,d / validation %,d / test %,d%n",
                sp.train().size(), sp.validation().size(), sp.test().size()));
    ds.notes().forEach(n -> out.println("note          " + n));
    out.printf("loaded in     %.3f s%n", seconds);
    if (json.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("users", s.users());
      m.put("items", s.items());
      m.put("interactions", s.interactions());
      m.put("density", s.density());
      m.put("seconds", seconds);
      m.put("min_timestamp", s.minTimestamp());
      m.put("max_timestamp", s.maxTimestamp());
      m.put("zero_timestamps", s.zeroTimestamps());
      m.put("user_count_quantiles", s.userCountQuantiles());
      m.put("item_count_quantiles", s.itemCountQuantiles());
      Map<String, Long> hist = new LinkedHashMap<>();
      s.ratingHistogram().forEach((k, v) -> hist.put(Float.toString(k), v));
      if (hist.size() <= 50) {
        m.put("rating_histogram", hist); // continuous values (synthetic ratings) are left out
      }
      m.put("notes", ds.notes());
      JsonMixin.print(out, m);
    }
    out.flush();
    return ExitCode.OK;
  }
}
