// Chooses the hyper-parameters of the issue-17 baselines on a validation part held out of the training data (never on
// test), and prints one line per setting. Run from the repository root after ./rec4j has built the jar:
//   java --add-modules jdk.incubator.vector -cp "$(ls rec4j-cli/target/rec4j-cli-*-all.jar)" bench/TuneBaselines.java ncf
//   java --add-modules jdk.incubator.vector -cp "$(ls rec4j-cli/target/rec4j-cli-*-all.jar)" bench/TuneBaselines.java ml-1m
// ncf:   NCF ML-1M files; validation = each user's latest training interaction against 99 sampled negatives
//        (the test protocol's shape), HR@10 / NDCG@10.
// ml-1m: ratings as interactions, --split ratio:0.8 with seed 42 (the train command's split), then 10% of each user's
//        training interactions held out as in `--validation 0.1` (seed 47), full ranking, Recall@20 / NDCG@20.
import java.util.Locale;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.LeaveOneOutSplit;
import org.rec4j.data.split.RandomSplit;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.eval.Evaluator;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.RankingTask;
import org.rec4j.experiment.EvalTasks;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.Recommender;
import org.rec4j.model.baseline.EASE;
import org.rec4j.model.baseline.ItemKNN;
import org.rec4j.model.baseline.MostPopular;
import org.rec4j.tensor.Rng;
import org.rec4j.train.TrainerConfig;

class TuneBaselines {
  public static void main(String[] args) {
    boolean ncf = args[0].equals("ncf");
    DataSpec spec = DataSpec.parse(ncf ? "ncf:/work/shared/data/ml-1m/ncf" : "ml-1m:/work/shared/data/ml-1m");
    Dataset ds = spec.load();
    Split split = SplitSpec.parse(ncf ? "predefined" : "ratio:0.8").apply(spec, ds, new Rng(42));
    Interactions train = split.train();
    Split carve = ncf ? LeaveOneOutSplit.latest(train, false) : RandomSplit.perUser(train, 0.1, 0, new Rng(42 + 5));
    Interactions fit = carve.train(), val = carve.test();
    RankingTask task = ncf ? EvalTasks.sampled(fit, val, null, 99, 42 + 99) : EvalTasks.full(fit, val);
    int k = ncf ? 10 : 20;
    Evaluator ev = Evaluator.standard(2, k);
    ModelOptions o = ModelOptions.implicit(Math.max(train.userIndex().size(), split.test().userIndex().size()),
        Math.max(train.itemIndex().size(), split.test().itemIndex().size()), 8);
    System.out.printf(Locale.ROOT, "%s: %d fit, %d validation interactions, %d users x %d items%n", args[0], fit.size(), val.size(), o.numUsers(), o.numItems());
    run("pop", new MostPopular(o), fit, task, ev, ncf, k);
    for (int nb : new int[] {5, 10, 20, 30, 50, 100, 200, 400}) {
      for (double shrink : new double[] {0, 10, 50, 100}) run("itemknn K=" + nb + " shrink=" + shrink, new ItemKNN(o, new ItemKNN.Config(nb, shrink)), fit, task, ev, ncf, k);
    }
    for (double lambda : new double[] {100, 250, 500, 1000, 2000, 4000}) run("ease lambda=" + lambda, new EASE(o, new EASE.Config(lambda)), fit, task, ev, ncf, k);
  }

  static void run(String what, Recommender m, Interactions fit, RankingTask task, Evaluator ev, boolean ncf, int k) {
    long t0 = System.nanoTime();
    m.fit(fit, null, TrainerConfig.implicitDefaults());
    double fitS = (System.nanoTime() - t0) / 1e9;
    RankingResult r = ev.evaluate(m, task);
    String a = ncf ? "hr@" + k : "recall@" + k, b = "ndcg@" + k;
    System.out.printf(Locale.ROOT, "%-32s %s %.4f  %s %.4f  fit %.1f s%n", what, a, r.get(a), b, r.get(b), fitS);
  }
}
