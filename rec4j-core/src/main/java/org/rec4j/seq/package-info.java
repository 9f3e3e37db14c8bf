/**
 * Sequential recommenders: the next item after a user's time-ordered history — SASRec (Kang &amp;
 * McAuley, ICDM 2018) and BERT4Rec (Sun et al., CIKM 2019); GRU4Rec would follow the same contract.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Input.</b> {@link org.rec4j.model.ModelInput#HISTORY}: the training interactions in time
 *       order (timestamps, or file order for SASRec files). {@link SequentialRecommender#fit}
 *       builds each user's sequence with {@link org.rec4j.data.UserSequences} (ties keep file
 *       order); leave-one-out by time ({@code loo:val}) gives the papers' protocol: last item test,
 *       second last validation, users with fewer than 3 actions train only.
 *   <li><b>Packed batches, no padding work.</b> A batch of B user sequences is packed into {@code
 *       [T, d]} token rows ({@link SequenceBatch}); attention runs per sequence over real tokens
 *       only ({@link org.rec4j.tensor.SequenceOps#attention}). Results equal the reference's
 *       left-padded {@code [B, L, d]} computation on every real position (positions keep their
 *       left-padded slot index {@code L − n + t}), at a fraction of its cost when sequences are
 *       short. T is rounded up to a size class (at most 1/16 extra filler rows, one inert filler
 *       sequence outside the loss) so the step's arena reuses buffers across batches.
 *   <li><b>Training.</b> {@link SequenceSource} is the {@link org.rec4j.train.EpochSource} of the
 *       one trainer: each epoch visits every user with at least two training items once in a
 *       shuffled order; the target of every input position is the next item; SASRec's loss is BCE
 *       with one uniform negative per target (not in the user's training items) by default, or the
 *       full-catalog softmax, or a softmax over the batch's targets plus sampled items ({@code
 *       loss} setting). With {@code --threads 2} the source runs data-parallel lanes (replicas
 *       sharing the parameters). BERT4Rec trains on the cloze task instead ({@link ClozeBatch},
 *       {@link ClozeSource}: random positions replaced by [MASK], softmax over the whole catalog at
 *       those positions only, one fused op).
 *   <li><b>Scoring and serving.</b> A model scores the catalog from the hidden state of a
 *       sequence's last position against the shared item table (BERT4Rec appends its [MASK] token
 *       and scores that position through its output transform, plus a per-item bias — the base
 *       class's hooks) ({@link org.rec4j.model.SequenceScorer}). Its known histories start as the
 *       training sequences and can be extended without retraining ({@link
 *       org.rec4j.model.SequenceHistory}: the experiment appends the validation item before ranking
 *       the test item, as the papers do; serving appends posted events per request). Histories are
 *       saved with the weights.
 * </ul>
 */
package org.rec4j.seq;
