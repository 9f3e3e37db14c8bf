package org.rec4j.optim.schedule;

import org.rec4j.optim.Checks;

/**
 * Step decay: {@code lr(t) = baseLr · γ^⌊t / stepSize⌋} — the rate drops by a factor γ every {@code
 * stepSize} units.
 */
public final class StepDecay implements LrSchedule {
  private final Config config;

  /**
   * Step-decay parameters.
   *
   * @param baseLr rate at {@code t = 0}, {@code >= 0}
   * @param stepSize units between drops, {@code >= 1}
   * @param gamma factor per drop, in (0, 1]
   */
  public record Config(double baseLr, long stepSize, double gamma) {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("baseLr", baseLr);
      Checks.atLeast("stepSize", stepSize, 1);
      if (!(gamma > 0 && gamma <= 1))
        throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }
  }

  /** A step-decay schedule. */
  public StepDecay(Config config) {
    this.config = config;
  }

  @Override
  public double lr(long t) {
    return config.baseLr() * Math.pow(config.gamma(), LrSchedule.checkTime(t) / config.stepSize());
  }
}
