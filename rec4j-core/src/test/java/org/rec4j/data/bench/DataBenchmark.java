package org.rec4j.data.bench;

import java.nio.file.Path;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.io.DelimitedRatingParser;
import org.rec4j.data.io.MovieLens1mReader;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.tensor.Rng;

/**
 * Benchmarks of the data layer (a runner, not a unit test). Usage: {@code DataBenchmark
 * ML1M_RATINGS [repeats]}.
 *
 * <ol>
 *   <li>ML-1M ratings parse + index: bytes → dense ids (IdIndex) → columns → CSR by user and by
 *       item. The first iteration runs in a cold JVM, which is what a user of {@code rec4j data
 *       stats} sees;
 *   <li>the full {@link MovieLens1mReader} load, which also reads {@code users.dat} and {@code
 *       movies.dat} as features;
 *   <li>uniform negative draws per second, one thread, with the per-user exclusion check.
 * </ol>
 */
public final class DataBenchmark {
  private DataBenchmark() {}

  /** Runs the benchmarks and prints one line each. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Interactions data = null;
    double first = 0;
    double best = Double.MAX_VALUE;
    for (int k = 0; k < repeats; k++) {
      long t0 = System.nanoTime();
      data = DelimitedRatingParser.readFile(file, "::", 4, 4, 0, new IdIndex(), new IdIndex());
      data.byUser();
      data.byItem();
      double s = (System.nanoTime() - t0) / 1e9;
      first = k == 0 ? s : first;
      best = Math.min(best, s);
    }
    System.out.printf(
        "ml-1m ratings parse+index (%,d rows, CSR by user and item): cold %.3f s, best of %d %.3f s%n",
        data.size(), first, repeats, best);
    double full = Double.MAX_VALUE;
    for (int k = 0; k < repeats; k++) {
      long t0 = System.nanoTime();
      MovieLens1mReader.read(file).interactions().byUser();
      full = Math.min(full, (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf(
        "ml-1m full load with users.dat + movies.dat features: best of %d %.3f s%n", repeats, full);
    UniformNegativeSampler sampler = new UniformNegativeSampler(data);
    Rng rng = new Rng(1);
    int users = data.numUsers();
    long sink = 0;
    int draws = 20_000_000;
    double bestRate = 0;
    for (int k = 0; k < repeats; k++) {
      long t0 = System.nanoTime();
      for (int d = 0; d < draws; d++) {
        sink += sampler.sample(d % users, rng);
      }
      bestRate = Math.max(bestRate, draws / ((System.nanoTime() - t0) / 1e9));
    }
    System.out.printf(
        "uniform negative sampler, 1 thread, exclusion check: best %.1f M draws/s (checksum %d)%n",
        bestRate / 1e6, sink);
  }
}
