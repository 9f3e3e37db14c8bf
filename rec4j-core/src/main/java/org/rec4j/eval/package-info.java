/**
 * Evaluation: one class per metric, the {@code Evaluator} and its protocols.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li>{@link org.rec4j.eval.RankingMetric}: per-user top-k accuracy (HR, Precision, Recall, NDCG
 *       binary/graded, MRR, MAP) as pure functions of a ranked list and a {@link
 *       org.rec4j.eval.Relevance}.
 *   <li>{@link org.rec4j.eval.PointwiseMetric}: ratings (MAE, RMSE, MAPE) and classification (AUC,
 *       log loss); {@link org.rec4j.eval.GroupAuc} groups by user.
 *   <li>{@link org.rec4j.eval.ListMetric}: beyond accuracy over all lists (coverage, intra-list
 *       diversity, novelty, popularity bias).
 *   <li>{@link org.rec4j.eval.Statistics}: mean ± std for multi-seed runs and a paired t-test over
 *       per-user values.
 * </ul>
 *
 * Metrics depend on nothing but the JDK: they never import the engine's {@code nn} layer, so they
 * can be reused by the server and by external callers.
 */
package org.rec4j.eval;
