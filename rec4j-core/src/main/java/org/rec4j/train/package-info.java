/**
 * Training: the one {@link org.rec4j.train.Trainer} loop and its listeners.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li>A model is {@link org.rec4j.train.Trainable}: a forward pass over (user, item) pairs, its
 *       parameters, its optimizer groups, and optionally data-parallel replicas that share its
 *       parameter storage.
 *   <li>{@link org.rec4j.train.TrainerConfig} (validated record) fixes epochs, batch, optimizer,
 *       objective, negatives, seed, threads and early stopping; {@link org.rec4j.train.Objective}
 *       maps to a loss from {@code org.rec4j.loss} and to how examples are built (ratings, sampled
 *       negatives, BPR pairs).
 *   <li>The loop drives an {@link org.rec4j.train.EpochSource}: the (user, item) one for id models,
 *       a field one for CTR models.
 *   <li>Per batch: forward, loss, backward inside a reusable arena, then every optimizer steps;
 *       with several threads the batch is cut into slices whose gradients are reduced in worker
 *       order (deterministic per seed and thread count).
 *   <li>Everything else is a {@link org.rec4j.train.TrainingListener}: {@link
 *       org.rec4j.train.EarlyStopping} (with best-epoch restore), {@link
 *       org.rec4j.train.DivergenceGuard}, {@link org.rec4j.train.LogListener}; the CLI adds a
 *       progress bar.
 *   <li>Two settings act inside the loop rather than as listeners because they touch every step or
 *       the weights validation sees: the learning-rate schedule ({@link
 *       org.rec4j.train.ScheduleSpec}, a factor per optimizer step) and weight averaging ({@code
 *       TrainerConfig#swaFrom}: epoch-end weights folded into a running mean, swapped in for
 *       validation and at the end).
 * </ul>
 */
package org.rec4j.train;
