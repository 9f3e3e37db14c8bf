package org.rec4j.data.bench;

import java.nio.file.Path;
import org.rec4j.data.Interactions;
import org.rec4j.data.io.MovieLens1mReader;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.tensor.Rng;

/**
 * Benchmarks of the data layer (not a unit test): ML-1M parse + index time, and uniform negative draws per second
 * with the per-user exclusion check. Usage: {@code DataBenchmark PATH_TO_ML1M_RATINGS [repeats]}. Prints the first
 * (cold JVM) run and the best of the repeats.
 */
public final class DataBenchmark {
  private DataBenchmark() {}

  /** Runs both benchmarks. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Interactions data = null;
    double first = 0;
    double best = Double.MAX_VALUE;
    for (int k = 0; k < repeats; k++) {
      long t0 = System.nanoTime();
      data = MovieLens1mReader.read(file).interactions();
      data.byUser();
      data.byItem();
      double s = (System.nanoTime() - t0) / 1e9;
      if (k == 0) {
        first = s;
      }
      best = Math.min(best, s);
    }
    System.out.printf("ml-1m parse+index (ratings + users.dat + movies.dat, both CSR views): first %.3f s, "
        + "best of %d %.3f s, %,d rows%n", first, repeats, best, data.size());
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
      double s = (System.nanoTime() - t0) / 1e9;
      bestRate = Math.max(bestRate, draws / s);
    }
    System.out.printf("uniform negative sampler: best %.1f M draws/s single thread (checksum %d)%n",
        bestRate / 1e6, sink);
  }
}
