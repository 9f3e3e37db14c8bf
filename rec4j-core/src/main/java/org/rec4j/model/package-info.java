/**
 * Models: the {@link org.rec4j.model.Recommender} contract, one file per model with its paper in the javadoc,
 * and the ServiceLoader-backed {@link org.rec4j.model.ModelRegistry}.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li>{@link org.rec4j.model.NeuralRecommender} is the base of embedding models: a module whose
 *       {@code forward(users, items)} scores pairs; it provides batched thread-safe scoring, recommendation with
 *       seen-item exclusion and filters, training via the trainer, data-parallel replicas and the state
 *       dictionary used by artifacts.</li>
 *   <li>Models: {@link org.rec4j.model.MF} (biased MF), {@link org.rec4j.model.GMF}, {@link org.rec4j.model.NCF}
 *       (MLP tower), {@link org.rec4j.model.NeuMF} (with GMF+MLP pre-training) and
 *       {@link org.rec4j.model.WideDeep} (FTRL wide part). Each works for ratings (linear output, MSE/MAE/Huber)
 *       and implicit feedback (logit, BCE with sampled negatives or BPR).</li>
 *   <li>Hyper-parameters come in one validated {@link org.rec4j.model.ModelOptions} record; MLP widths follow the
 *       NCF paper's convention (input width first).</li>
 * </ul>
 */
package org.rec4j.model;
