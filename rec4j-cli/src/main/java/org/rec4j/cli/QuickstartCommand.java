package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.data.Dataset;
import org.rec4j.data.DatasetStats;
import org.rec4j.data.io.DataSpec;
import org.rec4j.experiment.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j quickstart}: the first thing a new user runs. On built-in synthetic ratings only (no
 * files, no downloads) it trains the seed's three rating models — NCF, Wide&amp;Deep and NeuMF with
 * the seed's settings (MSE, Adam 1e-3, batch 64, 10 factors, MLP 20-20-10, dropout 0.1) — on one
 * 80/20 split with 10% of each user's training ratings held out for the validation curves, prints
 * MAE, RMSE, parameters and seconds per model, and writes the visual report.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Train NCF, Wide&Deep and NeuMF on built-in synthetic ratings; print a results table and write a report.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j quickstart                       # report/index.html and 12 PNG charts",
      "  rec4j quickstart --out /tmp/qs --epochs 10 --users 500 --items 300",
      "  Next: rec4j compare --models mf,gmf,ncf,neumf --data synthetic:kind=implicit --report report-ranking/"
    })
public final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: report).")
  Path outDir = Path.of("report");

  @Option(names = "--users", paramLabel = "N", description = "Synthetic users (default 5000).")
  int users = 5000;

  @Option(names = "--items", paramLabel = "N", description = "Synthetic items (default 2000).")
  int items = 2000;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Training epochs per model (default 30).")
  int epochs = 30;

  @Option(names = "--threads", paramLabel = "T", description = "Training threads (default 1).")
  int threads = 1;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of data, split and initialization (default 42).")
  long seed = 42;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bars and no per-epoch lines.")
  boolean quiet;

  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  /** The three models of the seed's comparison, in table order. */
  static final List<String> MODELS = List.of("ncf", "widedeep", "neumf");

  @Override
  public Integer call() {
    if (users < 10 || items < 10)
      throw new IllegalArgumentException("--users and --items must be >= 10");
    if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
    PrintWriter out = spec.commandLine().getOut();
    DataSpec spec =
        DataSpec.parse(
            String.format(Locale.ROOT, "synthetic:users=%d,items=%d,seed=%d", users, items, seed));
    Dataset ds = spec.load();
    DatasetStats st = DatasetStats.of(ds.interactions());
    out.printf(
        Locale.ROOT,
        "rec4j quickstart: synthetic ratings, %,d users x %,d items, %,d ratings (no files needed)%n",
        st.users(),
        st.items(),
        st.interactions());
    out.printf(
        Locale.ROOT,
        "training %s: MSE, Adam 1e-3, batch 64, %d epochs, split ratio:0.8 with 10%% validation%n%n",
        String.join(", ", MODELS),
        epochs);
    out.flush();
    List<ExperimentConfig> configs = new ArrayList<>();
    for (String m : MODELS) configs.add(config(spec, ds, m));
    List<Comparison.Row> rows =
        Comparison.run(configs, ds, name -> CompareCommand.listeners(out, name, quiet, false));
    out.println();
    Comparison.printTable(out, rows);
    List<Path> files =
        Comparison.writeReport(
            outDir, "rec4j quickstart: NCF vs Wide&Deep vs NeuMF on synthetic ratings", rows);
    out.println();
    out.println(
        "report: "
            + outDir.toAbsolutePath().resolve("index.html")
            + " ("
            + files.size()
            + " files)");
    out.println(
        "next:   rec4j compare --models mf,gmf,ncf,neumf --data synthetic:kind=implicit --report report-ranking/");
    if (json.enabled()) {
      Map<String, Object> f = new LinkedHashMap<>(Comparison.json(rows));
      f.put("report", outDir.toAbsolutePath().toString());
      JsonMixin.print(out, f);
    }
    out.flush();
    return ExitCode.OK;
  }

  private ExperimentConfig config(DataSpec spec, Dataset ds, String model) {
    TrainOptions t = new TrainOptions();
    t.model = model;
    t.task = "rating";
    t.split = "ratio:0.8";
    t.epochs = epochs;
    t.threads = threads;
    t.seed = seed;
    t.validation = 0.1;
    return t.resolve(spec, ds);
  }
}
