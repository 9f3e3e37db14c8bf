/**
 * Negative sampling for training and candidate lists for evaluation.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  NegativeSampler.sample(user, rng)      immutable; thread-safe with one Rng stream per thread
 *    Uniform     rejection against the user's sorted train items (binary search)
 *    Popularity  AliasTable over count^alpha (O(1)) + the same rejection
 *    Hard        best-scored of a pool drawn from a base sampler (Scorer is a functional interface)
 *  InBatchNegatives.mask   valid other-row positives in a batch
 *  EvalCandidates          sampled (1 + N) | provided lists | full catalog minus train items
 * </pre>
 */
package org.rec4j.data.sample;
