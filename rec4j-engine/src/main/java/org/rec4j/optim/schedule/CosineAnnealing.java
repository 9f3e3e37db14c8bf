package org.rec4j.optim.schedule;

import org.rec4j.optim.Checks;

/**
 * Cosine annealing, optionally with warm restarts (SGDR: Loshchilov &amp; Hutter, "SGDR: Stochastic
 * Gradient Descent with Warm Restarts", ICLR 2017, eq. 5):
 *
 * <pre>
 *   lr(t) = ηmin + ½·(baseLr − ηmin)·(1 + cos(π · Tcur / Ti))
 * </pre>
 *
 * <p>With restarts, cycle {@code i = 0, 1, …} lasts {@code Ti = T0 · Tmultⁱ} units and {@code Tcur}
 * counts the units since the cycle began, so restarts (back to {@code baseLr}) happen at {@code t =
 * T0, T0(1 + Tmult), …}. Without restarts there is one cycle of {@code T0} units and the rate stays
 * at {@code ηmin} from {@code t = T0} on (PyTorch's {@code CosineAnnealingLR} would instead climb
 * back up). Like PyTorch, {@code t} is whole epochs or steps; the paper's fractional {@code Tcur}
 * is obtained by scheduling per step with {@code T0} in steps.
 */
public final class CosineAnnealing implements LrSchedule {
  private final Config config;

  /**
   * Cosine-annealing parameters.
   *
   * @param baseLr rate at the start of each cycle (ηmax), {@code >= etaMin}
   * @param etaMin floor ηmin, {@code >= 0}
   * @param t0 length of the first cycle, {@code >= 1}
   * @param tMult growth factor of cycle lengths, {@code >= 1} (ignored without restarts)
   * @param restarts whether to restart at the end of each cycle
   */
  public record Config(double baseLr, double etaMin, long t0, long tMult, boolean restarts) {
    /** Validates every field. */
    public Config {
      Checks.nonNegative("etaMin", etaMin);
      if (!(baseLr >= etaMin && baseLr < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "baseLr must be finite and >= etaMin (" + etaMin + "), got " + baseLr);
      }
      Checks.atLeast("t0", t0, 1);
      Checks.atLeast("tMult", tMult, 1);
    }

    /** A single annealing cycle of {@code t0} units from {@code baseLr} down to {@code etaMin}. */
    public static Config annealing(double baseLr, double etaMin, long t0) {
      return new Config(baseLr, etaMin, t0, 1, false);
    }

    /** SGDR with cycles of {@code t0}, {@code t0·tMult}, {@code t0·tMult²}, … units. */
    public static Config warmRestarts(double baseLr, double etaMin, long t0, long tMult) {
      return new Config(baseLr, etaMin, t0, tMult, true);
    }
  }

  /** A cosine-annealing schedule. */
  public CosineAnnealing(Config config) {
    this.config = config;
  }

  @Override
  public double lr(long t) {
    LrSchedule.checkTime(t);
    long cycle = config.t0();
    long cur = t;
    if (!config.restarts()) {
      if (t >= cycle) return config.etaMin();
    } else if (config.tMult() == 1) {
      cur = t % cycle;
    } else {
      while (cur >= cycle) { // cycles grow geometrically, so this runs O(log t) times
        cur -= cycle;
        cycle = cycle > Long.MAX_VALUE / config.tMult() ? Long.MAX_VALUE : cycle * config.tMult();
      }
    }
    double eta = config.etaMin();
    return eta + 0.5 * (config.baseLr() - eta) * (1 + Math.cos(Math.PI * cur / cycle));
  }
}
