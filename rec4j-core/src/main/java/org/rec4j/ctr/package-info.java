/**
 * Click-through-rate prediction over field-aware features: the input pipeline, the FM family of
 * models, and the experiment entry point.
 *
 * <h2>Input pipeline</h2>
 *
 * <ul>
 *   <li>A {@link org.rec4j.ctr.Field} is categorical (one id), multi-hot (pooled ids) or numeric (a
 *       scaled embedding, or a bucket id when bucketized) or a dense vector of dimension d (e.g. a
 *       pre-computed item embedding, {@link org.rec4j.ctr.FieldValues#dense}); high-cardinality
 *       categorical fields may be hashed. {@link org.rec4j.ctr.FieldValues} encodes one field for
 *       the rows of an entity, {@link org.rec4j.ctr.FeatureFields} derives them from a {@link
 *       org.rec4j.data.FeatureTable} by its schema.
 *   <li>{@link org.rec4j.ctr.FieldDataset#join} places all fields in one global id space ({@link
 *       org.rec4j.ctr.FieldSchema}) and stores examples as one sparse matrix; a {@link
 *       org.rec4j.ctr.FieldBatch} is index arrays plus offsets, consumed by one weighted
 *       embedding-bag op ({@link org.rec4j.tensor.IndexOps#embeddingBag}) per table and batch.
 *       Dense vectors travel beside it as one float block {@code [B, D]} ({@link
 *       org.rec4j.ctr.FieldBatch#dense()}; no per-example objects); each model projects a dense
 *       field to the embedding dimension with a learned {@code W [d, k]} (its embedding row as
 *       bias) and weights it in linear terms with a learned {@code w [d]}, both plain matmuls, so
 *       every model sees one k-vector per field whatever its kind.
 * </ul>
 *
 * <h2>Models</h2>
 *
 * One file each, paper in the javadoc: {@link org.rec4j.ctr.LR}, {@link org.rec4j.ctr.FM}, {@link
 * org.rec4j.ctr.WideDeep}, {@link org.rec4j.ctr.DeepFM}, {@link org.rec4j.ctr.XDeepFM}, {@link
 * org.rec4j.ctr.AutoInt} (and AutoInt+), {@link org.rec4j.ctr.DCN}, and the multi-task {@link
 * org.rec4j.ctr.SharedBottom} (click + rating, weighted-sum or uncertainty-weighted losses):
 * networks behind {@link org.rec4j.ctr.CtrModel} (logits over a {@link org.rec4j.ctr.FieldBatch}),
 * registered in the one model registry by {@link org.rec4j.ctr.CtrFactories} (each declares the
 * {@code FEATURES} input and its settings) and served through the one model contract by {@link
 * org.rec4j.ctr.FeatureRecommender}, which scores a (user, item) pair as the example its {@link
 * org.rec4j.ctr.EntityFeatures} build. The interaction layers live in {@code org.rec4j.nn}.
 *
 * <h2>Training</h2>
 *
 * CTR models train through the one {@link org.rec4j.train.Trainer} loop: {@link
 * org.rec4j.ctr.CtrSource} is their {@link org.rec4j.train.EpochSource} (shuffled field batches,
 * BCE with logits), so early stopping, the divergence guard and progress listeners apply unchanged;
 * {@link org.rec4j.ctr.FieldTrainable} is the training capability the experiment's ctr task asks
 * for ({@code org.rec4j.experiment.Experiment} with protocol {@code CTR} ties task, model, training
 * and AUC/logloss/gAUC evaluation together for the command line and benchmarks).
 */
package org.rec4j.ctr;
