package org.rec4j.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.Dataset;
import org.rec4j.data.Split;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.eval.Evaluator;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.RankingTask;
import org.rec4j.experiment.EvalTasks;
import org.rec4j.experiment.IdRemap;
import org.rec4j.tensor.Rng;

/**
 * Warm evaluation timing: loads a saved model and the NCF data once, then evaluates it {@code
 * repeat} times under the full-ranking or sampled protocol and prints each wall time (the first
 * includes JIT warm-up).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp rec4j-benchmarks.jar
 * org.rec4j.bench.EvalBenchmark model=DIR data=ncf:../shared/data/ml-1m/ncf protocol=full|sampled
 * threads=2 repeat=5}
 */
public final class EvalBenchmark {
  private EvalBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    ModelArtifact.Loaded l =
        ModelArtifact.load(Path.of(TrainStepBenchmark.arg(args, "model", "models/neumf")));
    DataSpec spec =
        DataSpec.parse(TrainStepBenchmark.arg(args, "data", "ncf:../shared/data/ml-1m/ncf"));
    String protocol = TrainStepBenchmark.arg(args, "protocol", "full");
    int threads = Integer.parseInt(TrainStepBenchmark.arg(args, "threads", "2"));
    int repeat = Integer.parseInt(TrainStepBenchmark.arg(args, "repeat", "5"));
    Dataset ds = spec.load();
    Split s = SplitSpec.parse("given").apply(spec, ds, new Rng(42));
    IdRemap remap = new IdRemap(s.train().userIndex(), s.train().itemIndex(), l.users(), l.items());
    var train = remap.apply(s.train(), l.users(), l.items());
    var test = remap.apply(s.test(), l.users(), l.items());
    RankingTask task =
        protocol.equals("full")
            ? EvalTasks.full(train, test)
            : EvalTasks.sampled(train, test, remap.candidates(s.test(), ds.candidates()), 99, 42);
    Evaluator ev = Evaluator.standard(threads, 10);
    double best = Double.MAX_VALUE;
    for (int r = 0; r < repeat; r++) {
      RankingResult res = ev.evaluate(l.model(), task);
      best = Math.min(best, res.seconds());
      System.out.printf(
          Locale.ROOT,
          "run %d: %.3f s, %d users, hr@10 %.4f%n",
          r + 1,
          res.seconds(),
          res.users(),
          res.get("hr@10"));
    }
    System.out.printf(
        Locale.ROOT,
        "{\"workload\":\"eval-%s-%s\",\"threads\":%d,\"best_seconds\":%.3f}%n",
        l.model().name(),
        protocol,
        threads,
        best);
  }
}
