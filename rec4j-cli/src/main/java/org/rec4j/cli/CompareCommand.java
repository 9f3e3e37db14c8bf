package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.data.Dataset;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.train.LogListener;
import org.rec4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j compare}: trains several models on the same data, split and training settings,
 * prints one results table and optionally writes the visual report. Training flags are those of
 * {@code rec4j train} and apply to every model (so {@code --factors 8} gives each model 8 factors).
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Train several models on the same data and split; print a results table and write a report.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j compare --models mf,gmf,ncf,neumf --data synthetic:kind=implicit --epochs 5",
      "  rec4j compare --models ncf,widedeep,neumf --data synthetic --report report/",
      "  rec4j compare --models mf,gmf,ncf,neumf --data ncf:../shared/data/ml-1m/ncf --factors 8 --threads 2 --report report-ml1m/",
      "  rec4j compare --models ncf,widedeep,neumf --data ml-100k:../shared/data/ml-100k --split u1 --json"
    })
public final class CompareCommand implements Callable<Integer> {
  @Mixin DataMixin data;
  @Mixin TrainOptions train;
  @Mixin JsonMixin json;

  @Option(
      names = "--models",
      required = true,
      split = ",",
      paramLabel = "NAME",
      description = "Models to compare, in table order (the first is the baseline of the t-test).")
  List<String> models;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Write PNG charts and index.html to DIR.")
  Path report;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bars and no per-epoch lines.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (train.model != null)
      throw new IllegalArgumentException("--model: use --models a,b,c with compare");
    Dataset ds = data.spec().load();
    if (report != null
        && train.ks
            == null) { // the report's HR/NDCG/Recall-vs-k panel: cut-offs 1..20, the table at 10
      train.ks = new int[20];
      train.ks[0] = 10;
      for (int k = 1, j = 1; k <= 20; k++) if (k != 10) train.ks[j++] = k;
    }
    List<ExperimentConfig> configs = new ArrayList<>();
    for (String m : models) {
      train.model = m.strip().toLowerCase(Locale.ROOT);
      configs.add(train.resolve(data.spec(), ds));
    }
    train.model = null;
    ExperimentConfig first = configs.get(0);
    for (ExperimentConfig c : configs) {
      if (c.protocol() != first.protocol())
        throw new IllegalArgumentException(
            "--models: compare runs one task, but "
                + first.model()
                + " resolves to "
                + first.protocol().name().toLowerCase(Locale.ROOT)
                + " and "
                + c.model()
                + " to "
                + c.protocol().name().toLowerCase(Locale.ROOT)
                + " (CTR models compare with CTR models, --task ctr)");
    }
    out.printf(
        Locale.ROOT,
        "comparing %s on %s: %s, %d epochs, %s%n",
        String.join(", ", models),
        ds.name(),
        first.trainer().objective().name().toLowerCase(Locale.ROOT),
        first.trainer().epochs(),
        first.protocol() == org.rec4j.experiment.Protocol.CTR
            ? "task ctr (label rating >= 4, seeded 8:1:1 split)"
            : "split "
                + first.split()
                + ", protocol "
                + first.protocol().name().toLowerCase(Locale.ROOT));
    out.flush();
    List<Comparison.Row> rows =
        Comparison.run(configs, ds, name -> listeners(out, name, quiet, true));
    out.println();
    Comparison.printTable(out, rows);
    Map<String, Object> f = Comparison.json(rows);
    if (report != null) {
      List<Path> files = Comparison.writeReport(report, "rec4j compare: " + ds.name(), rows);
      out.println(
          "report           "
              + report.toAbsolutePath().resolve("index.html")
              + " ("
              + files.size()
              + " files)");
      f.put("report", report.toAbsolutePath().toString());
    }
    if (json.enabled()) JsonMixin.print(out, f);
    out.flush();
    return ExitCode.OK;
  }

  /**
   * Progress bar on a terminal; otherwise epoch lines ({@code perEpoch}) or one line per finished
   * model; nothing with --quiet.
   */
  static TrainingListener[] listeners(
      PrintWriter out, String label, boolean quiet, boolean perEpoch) {
    if (quiet) return new TrainingListener[0];
    if (ProgressListener.interactive()) return new TrainingListener[] {new ProgressListener(label)};
    if (perEpoch)
      return new TrainingListener[] {
        new LogListener(
            new java.io.PrintStream(new TrainCommand.WriterStream(out), true), "  " + label + " ")
      };
    return new TrainingListener[] {
      new TrainingListener() {
        @Override
        public void onEnd(org.rec4j.train.Trainer.Context ctx, org.rec4j.train.TrainingHistory h) {
          StringBuilder sb =
              new StringBuilder(
                  String.format(
                      Locale.ROOT,
                      "  %-10s %3d epochs in %5.1f s, final train loss %.4f",
                      label,
                      h.epochs().size(),
                      h.trainSeconds(),
                      h.last().trainLoss()));
          h.last()
              .validation()
              .forEach(
                  (k, v) -> sb.append(String.format(Locale.ROOT, ", validation %s %.4f", k, v)));
          out.println(sb);
          out.flush();
        }
      }
    };
  }
}
