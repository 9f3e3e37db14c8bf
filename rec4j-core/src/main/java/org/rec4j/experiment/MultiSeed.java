package org.rec4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.Statistics;
import org.rec4j.train.TrainingListener;

/**
 * Repeats an experiment over several seeds and summarizes each metric as mean ± sample standard
 * deviation; and compares two models on the same users with a paired t-test over per-user values.
 */
public final class MultiSeed {
  private MultiSeed() {}

  /** The runs and the per-metric summaries. */
  public record Result(List<ExperimentResult> runs, Map<String, Statistics.Summary> summary) {}

  /** Runs {@code c} once per seed (the seed drives initialization, sampling and splitting). */
  public static Result run(
      ExperimentConfig c, Dataset ds, long[] seeds, TrainingListener... listeners) {
    if (seeds.length == 0)
      throw new IllegalArgumentException("--seeds: at least one seed is needed");
    List<ExperimentResult> runs = new ArrayList<>();
    for (long s : seeds) {
      runs.add(Experiment.run(c.withTrainer(c.trainer().withSeed(s)), ds, listeners));
    }
    Map<String, Statistics.Summary> summary = new LinkedHashMap<>();
    for (String key : runs.get(0).metrics().keySet()) {
      double[] v =
          runs.stream().mapToDouble(r -> r.metrics().getOrDefault(key, Double.NaN)).toArray();
      summary.put(key, Statistics.summarize(v));
    }
    return new Result(runs, summary);
  }

  /**
   * Paired t-test of {@code metric} (e.g. {@code ndcg@10}) between two ranking results over the
   * same test cases.
   */
  public static Statistics.TTest compare(RankingResult a, RankingResult b, String metric) {
    double[] x = a.perUser().get(metric), y = b.perUser().get(metric);
    if (x == null || y == null)
      throw new IllegalArgumentException(
          "metric '" + metric + "' missing; have " + a.perUser().keySet());
    return Statistics.pairedTTest(x, y);
  }
}
