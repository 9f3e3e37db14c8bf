package org.rec4j.train;

import org.rec4j.loss.BceWithLogitsLoss;
import org.rec4j.loss.HuberLoss;
import org.rec4j.loss.MaeLoss;
import org.rec4j.loss.MseLoss;
import org.rec4j.loss.PointwiseLoss;

/**
 * What a model is trained to predict, and with which loss.
 *
 * <ul>
 *   <li>{@link #MSE}, {@link #MAE}, {@link #HUBER}: explicit ratings; the model's output is the
 *       rating.
 *   <li>{@link #BCE}: implicit feedback; every interaction is a positive, {@code negatives}
 *       uniformly sampled unobserved items per positive are negatives (He et al. 2017); the output
 *       is a logit.
 *   <li>{@link #BPR}: implicit feedback, pairwise: −log σ(s(u,i) − s(u,j)) for a sampled unobserved
 *       j (Rendle et al. 2009).
 * </ul>
 */
public enum Objective {
  MSE,
  MAE,
  HUBER,
  BCE,
  BPR;

  /** Whether this objective fits explicit ratings (vs implicit feedback). */
  public boolean isRating() {
    return this == MSE || this == MAE || this == HUBER;
  }

  /** Whether negatives are sampled. */
  public boolean samplesNegatives() {
    return !isRating();
  }

  /** The pointwise loss (for every objective but BPR). */
  public PointwiseLoss pointwiseLoss() {
    return switch (this) {
      case MSE -> new MseLoss();
      case MAE -> new MaeLoss();
      case HUBER -> new HuberLoss();
      case BCE -> new BceWithLogitsLoss();
      case BPR -> throw new IllegalStateException("BPR is pairwise");
    };
  }

  /** Parses a case-insensitive name, listing the valid ones on error. */
  public static Objective of(String name) {
    for (Objective o : values()) if (o.name().equalsIgnoreCase(name)) return o;
    throw new IllegalArgumentException(
        "unknown objective '" + name + "'; expected one of mse, mae, huber, bce, bpr");
  }
}
