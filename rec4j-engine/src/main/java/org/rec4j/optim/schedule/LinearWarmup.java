package org.rec4j.optim.schedule;

import org.rec4j.optim.Checks;

/**
 * Linear warm-up in front of another schedule (Goyal et al., "Accurate, Large Minibatch SGD:
 * Training ImageNet in 1 Hour", 2017, §2.2):
 *
 * <pre>
 *   lr(t) = after.lr(0) · (s + (1 − s) · t / W)   for t &lt; W
 *   lr(t) = after.lr(t − W)                       for t ≥ W
 * </pre>
 *
 * where {@code W} is the warm-up length and {@code s} the start factor; the wrapped schedule's
 * clock starts when the warm-up ends.
 */
public final class LinearWarmup implements LrSchedule {
  private final Config config;
  private final LrSchedule after;

  /**
   * Warm-up parameters.
   *
   * @param warmup warm-up length W, {@code >= 0} (0 disables the warm-up)
   * @param startFactor s, the fraction of the target rate used at {@code t = 0}, in [0, 1)
   */
  public record Config(long warmup, double startFactor) {
    /** Validates every field. */
    public Config {
      Checks.atLeast("warmup", warmup, 0);
      Checks.fraction("startFactor", startFactor);
    }
  }

  /** Warms up linearly into {@code after}. */
  public LinearWarmup(Config config, LrSchedule after) {
    if (after == null) throw new IllegalArgumentException("after must be a schedule, got null");
    this.config = config;
    this.after = after;
  }

  @Override
  public double lr(long t) {
    long w = config.warmup();
    if (LrSchedule.checkTime(t) >= w) return after.lr(t - w);
    double s = config.startFactor();
    return after.lr(0) * (s + (1 - s) * t / w);
  }
}
