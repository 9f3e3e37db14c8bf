package org.rec4j.ctr;

import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * Logistic regression over all field ids: {@code ŷ = σ(b + Σ_j x_j w_j)}, the linear baseline of
 * every CTR paper (e.g. Richardson et al., "Predicting Clicks", WWW 2007,
 * doi:10.1145/1242572.1242643). It sees no feature interaction, so a label that depends only on a
 * cross of two fields is invisible to it.
 */
public final class LR extends CtrNetwork {
  private final Parameter[] linear;

  /** Logistic regression over {@code schema}. */
  public LR(FieldSchema schema) {
    super(schema);
    this.linear = newLinear("linear");
  }

  @Override
  public String name() {
    return "lr";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    return squeeze(linear(linear, batch));
  }

  @Override
  boolean describable() {
    return true;
  }

  /** {@code b + Σ x_j w_j}. */
  @Override
  String describeLogit(EntityGraph eg) {
    return eg.linear(linear);
  }
}
