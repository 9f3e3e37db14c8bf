/**
 * Synthetic data: the embedded default for quick starts and tests, with planted, known answers.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  SyntheticRatings   explicit 1..5 ratings from per-user/per-item latent scalars (the seed's formula)
 *  SyntheticImplicit  low-rank + tanh + popularity skew; known top-K per user; planted item successors for
 *                     sequences; item category, title text and a dense "image" vector
 * </pre>
 */
package org.rec4j.data.synth;
