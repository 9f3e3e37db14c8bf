package org.rec4j.optim.schedule;

import org.rec4j.optim.Checks;
import org.rec4j.optim.Optimizer;

/**
 * Cuts the learning rate by {@code factor} when a monitored metric (validation loss, NDCG, …) stops
 * improving, with the semantics of PyTorch's {@code ReduceLROnPlateau}. Unlike an {@link
 * LrSchedule} it is stateful: feed it one metric value per evaluation through {@link
 * #observe(double)}.
 *
 * <p>Each observation:
 *
 * <ol>
 *   <li>is an <em>improvement</em> if it beats the best value so far by the threshold — in {@code
 *       MIN} mode {@code x < best·(1 − threshold)} (relative) or {@code x < best − threshold}
 *       (absolute); in {@code MAX} mode {@code x > best·(1 + threshold)} or {@code x > best +
 *       threshold}. An improvement becomes the new best and resets the bad count; anything else
 *       (including {@code NaN}) increments it;
 *   <li>during a cooldown (the {@code cooldown} observations after a cut) the bad count is held at
 *       zero;
 *   <li>when the bad count exceeds {@code patience}, the rate becomes {@code max(lr·factor,
 *       minLr)}, the cooldown starts and the bad count resets.
 * </ol>
 *
 * So with patience {@code p} the first cut happens on the {@code (p+1)}-th consecutive observation
 * without improvement. Not thread-safe.
 */
public final class ReduceOnPlateau {
  /** Whether the monitored metric should go down (losses) or up (accuracy, NDCG). */
  public enum Mode {
    /** Lower is better. */
    MIN,
    /** Higher is better. */
    MAX
  }

  /** How {@code threshold} measures a significant improvement. */
  public enum ThresholdMode {
    /** Relative to the best value: {@code best·(1 ∓ threshold)}. */
    REL,
    /** Absolute: {@code best ∓ threshold}. */
    ABS
  }

  /**
   * Plateau-detection parameters.
   *
   * @param mode whether lower or higher metric values are better
   * @param factor multiplier applied to the rate on a plateau, in (0, 1)
   * @param patience observations without improvement tolerated before a cut, {@code >= 0}
   * @param threshold minimum significant improvement, {@code >= 0}
   * @param thresholdMode relative or absolute threshold
   * @param cooldown observations after a cut during which bad observations are not counted, {@code
   *     >= 0}
   * @param minLr floor of the rate, {@code >= 0}
   */
  public record Config(
      Mode mode,
      double factor,
      int patience,
      double threshold,
      ThresholdMode thresholdMode,
      int cooldown,
      double minLr) {
    /** Validates every field. */
    public Config {
      if (mode == null) throw new IllegalArgumentException("mode must be MIN or MAX, got null");
      Checks.openFraction("factor", factor);
      Checks.atLeast("patience", patience, 0);
      Checks.nonNegative("threshold", threshold);
      if (thresholdMode == null)
        throw new IllegalArgumentException("thresholdMode must be REL or ABS, got null");
      Checks.atLeast("cooldown", cooldown, 0);
      Checks.nonNegative("minLr", minLr);
    }

    /**
     * PyTorch's defaults: factor 0.1, patience 10, relative threshold 1e-4, no cooldown, no floor.
     */
    public static Config defaults(Mode mode) {
      return new Config(mode, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0);
    }
  }

  private final Config config;
  private double lr;
  private double best;
  private int badCount;
  private int cooldownLeft;

  /** Starts at rate {@code initialLr} with no observations. */
  public ReduceOnPlateau(Config config, double initialLr) {
    this.config = config;
    this.lr = Checks.nonNegative("initialLr", initialLr);
    this.best = config.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Records one metric value and returns the (possibly reduced) learning rate. */
  public double observe(double metric) {
    if (isImprovement(metric)) {
      best = metric;
      badCount = 0;
    } else {
      badCount++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      badCount = 0;
    }
    if (badCount > config.patience()) {
      lr = Math.max(lr * config.factor(), config.minLr());
      cooldownLeft = config.cooldown();
      badCount = 0;
    }
    return lr;
  }

  /** Records {@code metric} and sets {@code optimizer}'s learning rate to the result. */
  public double observe(Optimizer optimizer, double metric) {
    double next = observe(metric);
    optimizer.setLearningRate(next);
    return next;
  }

  private boolean isImprovement(double x) {
    double t = config.threshold();
    boolean rel = config.thresholdMode() == ThresholdMode.REL;
    if (config.mode() == Mode.MIN) return x < (rel ? best * (1 - t) : best - t);
    return x > (rel ? best * (1 + t) : best + t);
  }

  /** The current learning rate. */
  public double lr() {
    return lr;
  }

  /** The best metric value seen (±∞ before the first observation). */
  public double best() {
    return best;
  }

  /** Consecutive observations without improvement since the last improvement, cut or cooldown. */
  public int badCount() {
    return badCount;
  }

  /** The mutable state, for checkpoints. */
  public State state() {
    return new State(lr, best, badCount, cooldownLeft);
  }

  /** Restores a {@link #state()} taken from a plateau detector with the same config. */
  public void restore(State state) {
    this.lr = state.lr();
    this.best = state.best();
    this.badCount = state.badCount();
    this.cooldownLeft = state.cooldownLeft();
  }

  /**
   * The evolving state of a {@link ReduceOnPlateau}.
   *
   * @param lr current learning rate, {@code >= 0}
   * @param best best metric so far (±∞ before the first observation)
   * @param badCount observations without improvement, {@code >= 0}
   * @param cooldownLeft observations of cooldown remaining, {@code >= 0}
   */
  public record State(double lr, double best, int badCount, int cooldownLeft) {
    /** Validates every field. */
    public State {
      Checks.nonNegative("lr", lr);
      if (Double.isNaN(best)) throw new IllegalArgumentException("best must not be NaN");
      Checks.atLeast("badCount", badCount, 0);
      Checks.atLeast("cooldownLeft", cooldownLeft, 0);
    }
  }
}
