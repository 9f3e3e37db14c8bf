package org.rec4j.model;

/**
 * Capability of a model whose score is a dot product: for every known user u and item i, {@code
 * score(u, i) = offset(u) + ⟨user_u, item_i⟩} exactly (up to float rounding), with the vectors
 * given by {@link #factorization()}. Serving builds exact brute-force top-k, HNSW and fold-in of
 * new users from it, and evaluation ranks the whole catalog through it ({@link
 * Factorization#scoreItemRange}), without knowing which model it is.
 *
 * <p>Look it up with {@code model.capability(DotProductModel.class)}; a model without it is ranked
 * through its own exact scoring.
 */
public interface DotProductModel {
  /**
   * The model's scores as vectors, built from its current weights. The arrays are a snapshot owned
   * by the caller (the model does not change them later); a model may hand out the same snapshot
   * until its weights change.
   */
  Factorization factorization();
}
