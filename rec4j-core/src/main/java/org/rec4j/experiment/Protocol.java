package org.rec4j.experiment;

/**
 * The evaluation protocol of an experiment: {@link #SAMPLED} ranks each test interaction among
 * candidates (the data's provided negatives, e.g. NCF's 99, or {@code sampled} uniform negatives),
 * {@link #FULL} ranks the whole catalog minus the user's training items, {@link #RATING} measures
 * RMSE/MAE/MAPE of predicted ratings.
 */
public enum Protocol {
  SAMPLED,
  FULL,
  RATING;

  /** Parses a case-insensitive name. */
  public static Protocol of(String s) {
    for (Protocol p : values()) if (p.name().equalsIgnoreCase(s)) return p;
    throw new IllegalArgumentException(
        "--protocol: unknown protocol '" + s + "'; expected sampled, full or rating");
  }
}
