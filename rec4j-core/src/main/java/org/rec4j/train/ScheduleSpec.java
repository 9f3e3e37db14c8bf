package org.rec4j.train;

import java.util.Locale;
import org.rec4j.optim.schedule.CosineAnnealing;
import org.rec4j.optim.schedule.ExponentialDecay;
import org.rec4j.optim.schedule.LinearWarmup;
import org.rec4j.optim.schedule.LrSchedule;
import org.rec4j.optim.schedule.StepDecay;

/**
 * A learning-rate schedule as written in a flag or config file, in <b>epochs</b>, applied by the
 * trainer at every optimizer step (so a one-epoch fine-tune still anneals). The schedule is a
 * factor on each optimizer's own starting rate, so models with several optimizers (Wide&amp;Deep's
 * FTRL and Adam) keep their ratio.
 *
 * <pre>
 *   constant                 the starting rate throughout (default)
 *   cosine[:MIN]             cosine annealing from 1 to MIN (default 0) over the run (Loshchilov &amp; Hutter, SGDR, 2017)
 *   step:EVERY,GAMMA         multiply by GAMMA every EVERY epochs
 *   exp:GAMMA                multiply by GAMMA per epoch, continuously
 *   warmup:W+REST            linear warm-up over W epochs (may be fractional), then REST on the remaining epochs
 * </pre>
 *
 * @param text the spec as given, normalized to lower case
 */
public record ScheduleSpec(String text) {
  /** The default: no schedule. */
  public static final ScheduleSpec CONSTANT = new ScheduleSpec("constant");

  /** Validates {@code text} by building a schedule for a nominal run. */
  public ScheduleSpec {
    if (text == null || text.isBlank())
      throw new IllegalArgumentException("schedule: expected " + GRAMMAR + ", got ''");
    text = text.strip().toLowerCase(Locale.ROOT);
    build(text, 100, 10);
  }

  private static final String GRAMMAR =
      "constant, cosine[:MIN], step:EVERY,GAMMA, exp:GAMMA or warmup:W+<one of those>";

  /** Parses {@code text}; {@code null} gives {@link #CONSTANT}. */
  public static ScheduleSpec parse(String text) {
    return text == null ? CONSTANT : new ScheduleSpec(text);
  }

  /** Whether the rate never changes. */
  public boolean isConstant() {
    return text.equals("constant");
  }

  /**
   * The factor on the starting rate at optimizer step {@code t} (from 0) of a run of {@code epochs}
   * epochs with {@code stepsPerEpoch} steps each.
   */
  public LrSchedule factor(long stepsPerEpoch, int epochs) {
    return build(text, stepsPerEpoch, epochs);
  }

  private static LrSchedule build(String s, long stepsPerEpoch, int epochs) {
    if (stepsPerEpoch < 1 || epochs < 1)
      throw new IllegalArgumentException("schedule needs >= 1 epoch of >= 1 step");
    try {
      if (s.startsWith("warmup:")) {
        int plus = s.indexOf('+');
        if (plus < 0) throw bad(s);
        double w = Double.parseDouble(s.substring(7, plus));
        long warm = Math.round(w * stepsPerEpoch);
        if (!(w > 0) || warm < 1) throw bad(s);
        long restSteps = Math.max(1, stepsPerEpoch * epochs - warm);
        LrSchedule rest = base(s.substring(plus + 1), stepsPerEpoch, restSteps);
        return new LinearWarmup(
            new LinearWarmup.Config(warm, 1.0 / (warm + 1)), rest); // first step already moves
      }
      return base(s, stepsPerEpoch, stepsPerEpoch * epochs);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw bad(s);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("schedule:")) throw e;
      throw new IllegalArgumentException("schedule '" + s + "': " + e.getMessage());
    }
  }

  private static LrSchedule base(String s, long stepsPerEpoch, long totalSteps) {
    String[] kv = s.split(":", 2);
    String[] args = kv.length > 1 ? kv[1].split(",") : new String[0];
    return switch (kv[0]) {
      case "constant" -> {
        if (args.length != 0) throw bad(s);
        yield t -> 1.0;
      }
      case "cosine" -> {
        if (args.length > 1) throw bad(s);
        double min = args.length == 1 ? Double.parseDouble(args[0]) : 0;
        if (!(min >= 0 && min <= 1)) throw bad(s);
        yield new CosineAnnealing(CosineAnnealing.Config.annealing(1, min, totalSteps));
      }
      case "step" -> {
        if (args.length != 2) throw bad(s);
        double every = Double.parseDouble(args[0]);
        long size = Math.round(every * stepsPerEpoch);
        if (!(every > 0) || size < 1) throw bad(s);
        yield new StepDecay(new StepDecay.Config(1, size, Double.parseDouble(args[1])));
      }
      case "exp" -> {
        if (args.length != 1) throw bad(s);
        double g = Double.parseDouble(args[0]);
        if (!(g > 0 && g <= 1)) throw bad(s);
        yield new ExponentialDecay(
            new ExponentialDecay.Config(1, Math.pow(g, 1.0 / stepsPerEpoch)));
      }
      default -> throw bad(s);
    };
  }

  private static IllegalArgumentException bad(String s) {
    return new IllegalArgumentException(
        "schedule: expected "
            + GRAMMAR
            + " (epochs; MIN in [0,1], GAMMA in (0,1]), got '"
            + s
            + "'");
  }

  @Override
  public String toString() {
    return text;
  }
}
