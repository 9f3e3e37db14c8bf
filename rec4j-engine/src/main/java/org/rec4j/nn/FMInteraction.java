package org.rec4j.nn;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Tensor;

/**
 * The second-order term of a factorization machine (Rendle, "Factorization Machines", ICDM 2010,
 * doi:10.1109/ICDM.2010.127): {@code Σ_{i<j} ⟨v_i, v_j⟩} over the field embeddings of one example,
 * computed in O(k·n) with the sum-square identity {@code ½ Σ_f [(Σ_i v_{i,f})² − Σ_i v_{i,f}²]}
 * (the paper's Lemma 3.1).
 *
 * <ul>
 *   <li>input {@code e [B, F, k]}: the (value-scaled) embeddings of the F fields of each example
 *   <li>no parameters
 *   <li>output {@link #forward} {@code [B, 1]}; {@link #biInteraction} the un-summed {@code [B, k]}
 *       vector
 * </ul>
 *
 * <p>Composed from engine primitives (sum, square, subtract), so its gradient needs no rule of its
 * own; a test checks it by finite differences and against the O(k·n²) pairwise sum.
 */
public final class FMInteraction extends Module {

  /** {@code ½[(Σ_i e_i)² − Σ_i e_i²]} per embedding dimension: {@code [B, F, k] → [B, k]}. */
  public Tensor biInteraction(Tensor e) {
    if (e.rank() != 3)
      throw new IllegalArgumentException("FMInteraction expects [B, F, k], got " + e.shape());
    Tensor sum = ReduceOps.sum(e, 1, false);
    Tensor sumSq = ReduceOps.sum(MathOps.square(e), 1, false);
    return MathOps.mulScalar(MathOps.sub(MathOps.square(sum), sumSq), 0.5f);
  }

  /** {@code Σ_{i<j} ⟨e_i, e_j⟩}: {@code [B, F, k] → [B, 1]}. */
  public Tensor forward(Tensor e) {
    return ReduceOps.sum(biInteraction(e), 1, true);
  }
}
