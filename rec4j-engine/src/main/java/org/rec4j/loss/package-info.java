/**
 * Training losses, one class per loss, built from engine ops so that their gradients come from the
 * engine's checked backward rules; the few fused forms (binary cross-entropy with logits, focal
 * loss, softmax cross-entropy) record a {@link org.rec4j.tensor.CustomOp} and are tested against
 * their decomposed forms.
 *
 * <p>Three families share a {@link org.rec4j.loss.Reduction} and optional non-negative per-sample
 * weights:
 *
 * <ul>
 *   <li>{@link org.rec4j.loss.PointwiseLoss} — {@code (prediction, target)} of equal shape: {@link
 *       org.rec4j.loss.MseLoss}, {@link org.rec4j.loss.MaeLoss}, {@link org.rec4j.loss.HuberLoss},
 *       {@link org.rec4j.loss.BceLoss}, {@link org.rec4j.loss.BceWithLogitsLoss}, {@link
 *       org.rec4j.loss.FocalLoss}, {@link org.rec4j.loss.HingeLoss};
 *   <li>{@link org.rec4j.loss.PairwiseLoss} — {@code (positive [B], negative [B] or [B, k])}:
 *       {@link org.rec4j.loss.BprLoss}, {@link org.rec4j.loss.MarginRankingLoss};
 *   <li>{@link org.rec4j.loss.ListwiseLoss} — {@code (scores [B, n], relevance [B, n])}: {@link
 *       org.rec4j.loss.ListNetLoss}, {@link org.rec4j.loss.LambdaRankLoss}.
 * </ul>
 *
 * <p>Classification over a catalog has its own signatures: {@link
 * org.rec4j.loss.SoftmaxCrossEntropyLoss} (class labels or target distributions) and {@link
 * org.rec4j.loss.SampledSoftmaxLoss} (positive plus sampled negatives, with log-Q correction and
 * accidental-hit removal) over given logits, and {@link org.rec4j.loss.CatalogSoftmaxLoss} (hidden
 * rows scored against a whole item table plus bias, fused so the logits never become a graph
 * tensor: BERT4Rec's output softmax). {@link org.rec4j.loss.MultiTaskLoss} combines scalar task
 * losses: {@link org.rec4j.loss.WeightedSumLoss} and {@link
 * org.rec4j.loss.UncertaintyWeightedLoss}.
 *
 * <p>Depends on the JDK and {@code org.rec4j.tensor} / {@code org.rec4j.nn} only.
 */
package org.rec4j.loss;
