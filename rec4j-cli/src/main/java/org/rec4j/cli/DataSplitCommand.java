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
import org.rec4j.data.split.GivenNSplit;
import org.rec4j.data.split.KFoldSplit;
import org.rec4j.data.split.LeaveOneOutSplit;
import org.rec4j.data.split.RandomSplit;
import org.rec4j.data.split.TemporalSplit;
import org.rec4j.tensor.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j data split --data FORMAT:PATH --method M --out DIR}: splits the data and writes
 * {@code train.tsv}, {@code validation.tsv}, {@code test.tsv} ({@code user TAB item TAB value TAB timestamp}, raw
 * ids). Methods: {@code random}, {@code random-user}, {@code loo}, {@code loo-random}, {@code temporal},
 * {@code kfold} (fold {@code --fold} of {@code --k}), {@code given-n}, {@code predefined} (the split that came with
 * the files). JSON keys: {@code train, validation, test, seconds}.
 */
@Command(name = "split", mixinStandardHelpOptions = true, description = "Split data into train/validation/test files.")
public final class DataSplitCommand implements Callable<Integer> {
  /** The split methods. */
  enum Method {
    random, random_user, loo, loo_random, temporal, kfold, given_n, predefined
  }

  @Mixin DataMixin data;
  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  @Option(names = "--method", required = true, converter = MethodConverter.class,
      description = "random, random-user, loo, loo-random, temporal, kfold, given-n, predefined.")
  Method method;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--test", defaultValue = "0.2", description = "Test fraction (random, temporal).")
  double test;

  @Option(names = "--validation", defaultValue = "0", description = "Validation fraction (random, temporal).")
  double validation;

  @Option(names = "--with-validation", description = "loo: also hold out the second latest item.")
  boolean withValidation;

  @Option(names = "--k", defaultValue = "5", description = "kfold: number of folds.")
  int k;

  @Option(names = "--fold", defaultValue = "0", description = "kfold: which fold is test (0-based).")
  int fold;

  @Option(names = "--n", defaultValue = "10", description = "given-n: training items kept per user.")
  int n;

  @Option(names = "--drop-cold", description = "Drop test rows of users/items absent from train.")
  boolean dropCold;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Dataset ds = data.spec().load();
    Interactions x = ds.interactions();
    Rng rng = new Rng(seed);
    Split s = switch (method) {
      case random -> RandomSplit.global(x, test, validation, rng);
      case random_user -> RandomSplit.perUser(x, test, validation, rng);
      case loo -> LeaveOneOutSplit.latest(x, withValidation);
      case loo_random -> LeaveOneOutSplit.random(x, withValidation, rng);
      case temporal -> TemporalSplit.byFraction(x, test, validation);
      case kfold -> {
        if (fold < 0 || fold >= k) {
          throw new IllegalArgumentException("--fold must be in [0, " + k + "), got " + fold);
        }
        yield KFoldSplit.folds(x, k, rng).get(fold);
      }
      case given_n -> GivenNSplit.split(x, n, rng);
      case predefined -> ds.split().orElseThrow(() -> new IllegalArgumentException(
          "--method predefined: " + ds.name() + " comes without a split"));
    };
    if (dropCold) {
      s = ColdStartFilter.drop(s, true, true);
    }
    write(s.train(), out.resolve("train.tsv"));
    write(s.validation(), out.resolve("validation.tsv"));
    write(s.test(), out.resolve("test.tsv"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    o.printf("train %,d / validation %,d / test %,d rows written to %s%n", s.train().size(),
        s.validation().size(), s.test().size(), out);
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
          w.write(part.userIndex().raw(part.user(r)) + "\t" + part.itemIndex().raw(part.item(r)) + "\t"
              + part.value(r) + "\t" + part.timestamp(r) + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Accepts the dashed names ({@code random-user}). */
  static final class MethodConverter implements picocli.CommandLine.ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
      try {
        return Method.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("expected one of random, random-user, loo, "
            + "loo-random, temporal, kfold, given-n, predefined; got '" + value + "'");
      }
    }
  }
}
