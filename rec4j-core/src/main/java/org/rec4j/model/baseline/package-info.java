/**
 * Closed-form baselines every recommender library reports — {@link
 * org.rec4j.model.baseline.MostPopular} ({@code pop}), {@link org.rec4j.model.baseline.ItemKNN}
 * ({@code itemknn}) and {@link org.rec4j.model.baseline.EASE} ({@code ease}) — added through the
 * model contract alone: this package and one line each in {@code
 * META-INF/services/org.rec4j.model.RecommenderFactory}.
 *
 * <p>One package for the three rather than one each: they share {@link
 * org.rec4j.model.baseline.BaselineRecommender} (fit from the binary matrix without the trainer,
 * the user history kept in the state, seen-item exclusion) and the co-occurrence rows of XᵀX that
 * both ItemKNN and EASE start from; {@link org.rec4j.model.baseline.Cholesky} is EASE's dense
 * inverse. Each model is still one file with its paper and formula in the javadoc and a validated
 * {@code Config}.
 */
package org.rec4j.model.baseline;
