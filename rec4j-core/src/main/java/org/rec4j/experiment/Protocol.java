package org.rec4j.experiment;

/**
 * The evaluation protocol of an experiment: {@link #SAMPLED} ranks each test interaction among
 * candidates (the data's provided negatives, e.g. NCF's 99, or {@code sampled} uniform negatives),
 * {@link #FULL} ranks the whole catalog minus the user's training items, {@link #RATING} measures
 * RMSE/MAE/MAPE of predicted ratings, {@link #CTR} measures AUC, log loss and gAUC (per user) of
 * predicted click probabilities on held-out impressions. The protocol is the task of an {@link
 * Experiment}: ranking (sampled or full), rating or click-through.
 */
public enum Protocol {
  SAMPLED,
  FULL,
  RATING,
  CTR;

  /** Parses a case-insensitive name. */
  public static Protocol of(String s) {
    for (Protocol p : values()) if (p.name().equalsIgnoreCase(s)) return p;
    throw new IllegalArgumentException(
        "--protocol: unknown protocol '" + s + "'; expected sampled, full, rating or ctr");
  }
}
