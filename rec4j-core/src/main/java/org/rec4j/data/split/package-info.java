/**
 * Train/validation/test splits. Each returns a {@link org.rec4j.data.Split} whose parts share one
 * IdIndex pair; randomized splits take an {@link org.rec4j.tensor.Rng}, so the seed fixes the
 * split.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  strategy (RandomSplit, LeaveOneOutSplit, TemporalSplit, KFoldSplit, GivenNSplit)
 *     └─ assigns each row TRAIN / VALIDATION / TEST ─▶ RowAssignment.apply ─▶ Interactions.subset × 3
 *  ColdStartFilter: drop cold users/items from test (files that already are a split: data.io.PredefinedSplit)
 *  SplitSpec "METHOD[:ARGS]" (e.g. loo:val, random:0.2,0.1, kfold:5,0) → one of the above; the --split option
 * </pre>
 */
package org.rec4j.data.split;
