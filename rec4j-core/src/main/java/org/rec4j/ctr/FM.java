package org.rec4j.ctr;

import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.FMInteraction;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Factorization machine of degree 2 (Rendle, "Factorization Machines", ICDM 2010,
 * doi:10.1109/ICDM.2010.127): {@code ŷ = w_0 + Σ_i w_i x_i + Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j}, with the
 * pairwise term computed in O(k·n) by {@link FMInteraction}. Inputs are field-pooled (a multi-hot
 * field contributes its pooled embedding as one "feature"), so pairs inside a multi-hot field are
 * not modelled — the usual field-wise form of DeepFM-era code.
 */
public final class FM extends CtrNetwork {

  /**
   * Hyper-parameters of an {@link FM}.
   *
   * @param embedDim factor size k, &gt; 0
   */
  public record Config(int embedDim) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0)
        throw new IllegalArgumentException("fm embedDim must be > 0, got " + embedDim);
    }
  }

  private final Parameter[] linear;
  private final Parameter embedding;
  private final FMInteraction fm = new FMInteraction();

  /** An FM over {@code schema}. */
  public FM(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    this.linear = newLinear("linear");
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
  }

  @Override
  public String name() {
    return "fm";
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    return squeeze(MathOps.add(linear(linear, batch), fm.forward(embed(embedding, batch))));
  }

  @Override
  boolean describable() {
    return true;
  }

  /** The first-order term plus the pairwise term, as {@link #logits} adds them. */
  @Override
  String describeLogit(EntityGraph eg) {
    ScoringGraph g = eg.graph();
    return g.add(eg.linear(linear), describeFm(g, eg.embeddings(embedding)));
  }
}
