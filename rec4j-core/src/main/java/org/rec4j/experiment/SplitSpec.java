package org.rec4j.experiment;

import java.nio.file.Path;
import org.rec4j.data.Dataset;
import org.rec4j.data.Split;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.io.MovieLens100kReader;
import org.rec4j.data.split.KFoldSplit;
import org.rec4j.data.split.LeaveOneOutSplit;
import org.rec4j.data.split.RandomSplit;
import org.rec4j.data.split.TemporalSplit;
import org.rec4j.tensor.Rng;

/**
 * How an experiment divides its data, parsed from the command-line form: {@code given} (the files' own split, the
 * default when the data has one), {@code loo} (latest interaction per user), {@code loo-random},
 * {@code ratio:0.8} (per-user random, train fraction), {@code temporal:0.8} (global time cutoff, train fraction),
 * {@code kfold:5[:i]} (fold i of k, default 0), {@code u1}…{@code u5}, {@code ua}, {@code ub} (MovieLens-100K
 * files).
 */
public record SplitSpec(String kind, double fraction, int folds, int fold, String name) {
  /** Parses the command-line form, naming the accepted forms on error. */
  public static SplitSpec parse(String text) {
    String t = text == null ? "given" : text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.equals("given") || t.equals("loo") || t.equals("loo-random")) return new SplitSpec(t, 0, 0, 0, t);
      if (t.matches("u[1-5ab]")) return new SplitSpec("fold", 0, 0, 0, t);
      if (t.startsWith("ratio:") || t.startsWith("temporal:")) {
        double f = Double.parseDouble(t.substring(t.indexOf(':') + 1));
        if (!(f > 0 && f < 1)) throw new IllegalArgumentException("train fraction must be in (0, 1), got " + f);
        return new SplitSpec(t.substring(0, t.indexOf(':')), f, 0, 0, t);
      }
      if (t.startsWith("kfold:")) {
        String[] p = t.split(":");
        int k = Integer.parseInt(p[1]);
        int i = p.length > 2 ? Integer.parseInt(p[2]) : 0;
        if (k < 2 || i < 0 || i >= k) throw new IllegalArgumentException("kfold needs k >= 2 and 0 <= i < k, got " + t);
        return new SplitSpec("kfold", 0, k, i, t);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--split: cannot read a number in '" + text + "'");
    }
    throw new IllegalArgumentException("--split: unknown split '" + text + "'; expected given, loo, loo-random, ratio:F, temporal:F, kfold:K[:I], u1..u5, ua, ub");
  }

  /** Applies this split to the dataset named by {@code spec} (already loaded as {@code data}). */
  public Split apply(DataSpec spec, Dataset data, long seed) {
    Rng rng = new Rng(seed);
    return switch (kind) {
      case "given" -> data.split().orElseThrow(() -> new IllegalArgumentException(
          "--split given: data " + spec + " has no split of its own; use loo, ratio:0.8, kfold:5, …"));
      case "fold" -> {
        if (spec.format() != DataSpec.Format.ML_100K) throw new IllegalArgumentException("--split " + name + " needs ml-100k data, got " + spec.format().label());
        Path p = Path.of(spec.path());
        Path dir = java.nio.file.Files.isDirectory(p) ? p : p.getParent();
        yield MovieLens100kReader.fold(dir, name).split().orElseThrow();
      }
      case "loo" -> LeaveOneOutSplit.latest(data.interactions(), false);
      case "loo-random" -> LeaveOneOutSplit.random(data.interactions(), false, rng);
      case "ratio" -> RandomSplit.perUser(data.interactions(), 1 - fraction, 0, rng);
      case "temporal" -> TemporalSplit.byFraction(data.interactions(), 1 - fraction, 0);
      case "kfold" -> KFoldSplit.folds(data.interactions(), folds, rng).get(fold);
      default -> throw new IllegalStateException(kind);
    };
  }
}
