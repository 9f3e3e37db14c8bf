package org.rec4j.optim.schedule;

import org.rec4j.optim.Checks;

/** Exponential decay: {@code lr(t) = baseLr · γ^t}. */
public final class ExponentialDecay implements LrSchedule {
  private final Config config;

  /**
   * Exponential-decay parameters.
   *
   * @param baseLr rate at {@code t = 0}, {@code >= 0}
   * @param gamma factor per unit of time, in (0, 1]
   */
  public record Config(double baseLr, double gamma) {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("baseLr", baseLr);
      if (!(gamma > 0 && gamma <= 1))
        throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }
  }

  /** An exponential-decay schedule. */
  public ExponentialDecay(Config config) {
    this.config = config;
  }

  @Override
  public double lr(long t) {
    return config.baseLr() * Math.pow(config.gamma(), LrSchedule.checkTime(t));
  }
}
