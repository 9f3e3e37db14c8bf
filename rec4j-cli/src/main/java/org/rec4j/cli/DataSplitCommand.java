package org.rec4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.data.split.ColdStartFilter;
import org.rec4j.tensor.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j data split --data FORMAT:PATH --split METHOD[:ARGS] --out DIR}: splits the data (see
 * {@link org.rec4j.data.split.SplitSpec}) and writes {@code train.tsv}, {@code validation.tsv},
 * {@code test.tsv} ({@code user TAB item TAB value TAB timestamp}, raw ids). JSON keys: {@code
 * train, validation, test, seconds}.
 */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    description = "Split data into train/validation/test files.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j data split --data synthetic --split ratio:0.8,0.1 --out splits/",
      "  rec4j data split --data ml-1m:../shared/data/ml-1m/ratings_reconstructed.dat --split loo:val --out ml1m-loo/ --json"
    })
public final class DataSplitCommand implements Callable<Integer> {
  @Mixin DataMixin data;
  @Mixin SplitMixin split;
  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Dataset ds = data.spec().load();
    Split s = split.spec().apply(ds, new Rng(split.seed()));
    if (split.dropCold()) {
      s = ColdStartFilter.drop(s, true, true);
    }
    write(s.train(), out.resolve("train.tsv"));
    write(s.validation(), out.resolve("validation.tsv"));
    write(s.test(), out.resolve("test.tsv"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    o.printf(
        "train %,d / validation %,d / test %,d rows written to %s%n",
        s.train().size(), s.validation().size(), s.test().size(), out);
    if (json.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("train", s.train().size());
      m.put("validation", s.validation().size());
      m.put("test", s.test().size());
      m.put("seconds", seconds);
      JsonMixin.print(o, m);
    }
    o.flush();
    return ExitCode.OK;
  }

  private static void write(Interactions part, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        for (int r = 0; r < part.size(); r++) {
          w.write(
              part.userIndex().raw(part.user(r))
                  + "\t"
                  + part.itemIndex().raw(part.item(r))
                  + "\t"
                  + part.value(r)
                  + "\t"
                  + part.timestamp(r)
                  + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
