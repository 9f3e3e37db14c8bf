package org.rec4j.data.split;

import java.util.List;
import java.util.Locale;
import org.rec4j.data.Dataset;
import org.rec4j.data.Split;
import org.rec4j.tensor.Rng;

/**
 * How every rec4j command names a split: {@code METHOD[:ARGS]}, the companion of {@link
 * org.rec4j.data.io.DataSpec}'s {@code FORMAT:PATH}.
 *
 * <ul>
 *   <li>{@code random:TEST[,VALIDATION]} — {@link RandomSplit#global} (fractions);
 *   <li>{@code random-user:TEST[,VALIDATION]} — {@link RandomSplit#perUser};
 *   <li>{@code loo} / {@code loo:val} — {@link LeaveOneOutSplit#latest}, optionally with a
 *       validation item;
 *   <li>{@code loo-random} / {@code loo-random:val} — {@link LeaveOneOutSplit#random};
 *   <li>{@code ratio:TRAIN[,VALIDATION]} — {@link RandomSplit#perUser} keeping the fraction {@code
 *       TRAIN} of each user's interactions for training (e.g. {@code ratio:0.8});
 *   <li>{@code temporal:TRAIN[,VALIDATION]} — {@link TemporalSplit#byFraction}: the earliest {@code
 *       TRAIN} fraction trains (e.g. {@code temporal:0.8});
 *   <li>{@code kfold:K[,FOLD]} — fold {@code FOLD} (0-based, default 0) of {@link
 *       KFoldSplit#folds};
 *   <li>{@code given-n:N} — {@link GivenNSplit#split};
 *   <li>{@code given} (or {@code predefined}) — the split that came with the files (NCF, LightGCN,
 *       libFM);
 *   <li>{@code u1}…{@code u5}, {@code ua}, {@code ub} — the MovieLens-100K fold files beside the
 *       data.
 * </ul>
 *
 * @param method the method name
 * @param args the numeric arguments (fractions, k and fold, or n)
 * @param validation for the leave-one-out methods, whether to hold out a validation item too
 */
public record SplitSpec(String method, List<Double> args, boolean validation) {
  private static final List<String> METHODS =
      List.of(
          "random",
          "random-user",
          "ratio",
          "loo",
          "loo-random",
          "temporal",
          "kfold",
          "given-n",
          "predefined",
          "u1",
          "u2",
          "u3",
          "u4",
          "u5",
          "ua",
          "ub");

  /** Copies the arguments and checks the method and argument count. */
  public SplitSpec {
    args = List.copyOf(args);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(
          "unknown split method '" + method + "'; expected one of " + METHODS);
    }
    int[] range =
        switch (method) {
          case "random", "random-user", "ratio", "temporal" -> new int[] {1, 2};
          case "kfold" -> new int[] {1, 2};
          case "given-n" -> new int[] {1, 1};
          default -> new int[] {0, 0};
        };
    if (args.size() < range[0] || args.size() > range[1]) {
      throw new IllegalArgumentException(
          "split "
              + method
              + " takes "
              + (range[0] == range[1] ? range[0] : range[0] + " or " + range[1])
              + " numeric argument(s), got "
              + args.size()
              + " (e.g. "
              + example(method)
              + ")");
    }
  }

  /**
   * Parses {@code METHOD[:ARGS]}; throws an {@link IllegalArgumentException} saying what was
   * expected.
   */
  public static SplitSpec parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    String method = colon < 0 ? t : t.substring(0, colon);
    if (method.equals("given")) method = "predefined";
    String rest = colon < 0 ? "" : t.substring(colon + 1);
    boolean val = false;
    List<Double> args = new java.util.ArrayList<>();
    if (method.startsWith("loo")) {
      if (!rest.isEmpty() && !rest.equals("val")) {
        throw new IllegalArgumentException(
            "split " + method + ": expected nothing or ':val', got ':" + rest + "'");
      }
      val = rest.equals("val");
    } else if (!rest.isEmpty()) {
      for (String a : rest.split(",")) {
        try {
          args.add(Double.parseDouble(a));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "split "
                  + method
                  + ": expected a number, got '"
                  + a
                  + "' (e.g. "
                  + example(method)
                  + ")");
        }
      }
    }
    return new SplitSpec(method, args, val);
  }

  /** Splits {@code data}; randomized methods draw from {@code rng}. */
  public Split apply(Dataset data, Rng rng) {
    var x = data.interactions();
    return switch (method) {
      case "random" -> RandomSplit.global(x, args.get(0), arg(1), rng);
      case "random-user" -> RandomSplit.perUser(x, args.get(0), arg(1), rng);
      case "loo" -> LeaveOneOutSplit.latest(x, validation);
      case "loo-random" -> LeaveOneOutSplit.random(x, validation, rng);
      case "ratio" -> RandomSplit.perUser(x, 1 - args.get(0) - arg(1), arg(1), rng);
      case "temporal" -> TemporalSplit.byFraction(x, 1 - args.get(0) - arg(1), arg(1));
      case "kfold" -> {
        int k = integer(0);
        int fold = args.size() > 1 ? integer(1) : 0;
        if (fold < 0 || fold >= k) {
          throw new IllegalArgumentException("kfold: FOLD must be in [0, " + k + "), got " + fold);
        }
        yield KFoldSplit.folds(x, k, rng).get(fold);
      }
      case "given-n" -> GivenNSplit.split(x, integer(0), rng);
      case "predefined" ->
          data.split()
              .orElseThrow(() ->
                  new IllegalArgumentException(
                      "split given: "
                          + data.name()
                          + " comes without a split; use e.g. loo, ratio:0.8 or kfold:5"));
      default ->
          throw new IllegalArgumentException(
              "split "
                  + method
                  + " reads the MovieLens-100K fold files and needs "
                  + "the data's location: use apply(DataSpec, Dataset, Rng)");
    };
  }

  /**
   * Splits data loaded from {@code spec}; the MovieLens-100K folds ({@code u1}…) read their files
   * beside it.
   */
  public Split apply(org.rec4j.data.io.DataSpec spec, Dataset data, Rng rng) {
    if (!method.matches("u[1-5ab]")) return apply(data, rng);
    if (spec.format() != org.rec4j.data.io.DataSpec.Format.ML_100K) {
      throw new IllegalArgumentException(
          "split " + method + " needs ml-100k data, got " + spec.format().label());
    }
    java.nio.file.Path p = java.nio.file.Path.of(spec.path());
    java.nio.file.Path dir =
        java.nio.file.Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
    return org.rec4j.data.io.MovieLens100kReader.fold(dir, method).split().orElseThrow();
  }

  private double arg(int k) {
    return args.size() > k ? args.get(k) : 0;
  }

  private int integer(int k) {
    double v = args.get(k);
    if (v != Math.rint(v)) {
      throw new IllegalArgumentException(
          "split " + method + ": argument " + (k + 1) + " must be an integer, got " + v);
    }
    return (int) v;
  }

  private static String example(String method) {
    return switch (method) {
      case "random", "random-user" -> method + ":0.2 or " + method + ":0.2,0.1";
      case "ratio", "temporal" -> method + ":0.8 or " + method + ":0.7,0.1";
      case "kfold" -> "kfold:5 or kfold:5,0";
      case "given-n" -> "given-n:10";
      default -> method;
    };
  }

  @Override
  public String toString() {
    if (method.startsWith("loo")) {
      return validation ? method + ":val" : method;
    }
    return args.isEmpty()
        ? method
        : method
            + ":"
            + String.join(
                ",",
                args.stream()
                    .map(d ->
                        d == Math.rint(d) ? Long.toString((long) (double) d) : Double.toString(d))
                    .toList());
  }
}
