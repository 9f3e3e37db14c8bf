/**
 * Models: the {@link org.rec4j.model.Recommender} contract, one file per model with its paper in
 * the javadoc, and the ServiceLoader-backed {@link org.rec4j.model.ModelRegistry}.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Ask a model what it can do, never what it is</b> (issue 17). {@code Recommender} is the
 *       serving contract (score, recommend, state) plus {@link
 *       org.rec4j.model.Recommender#capability}: serving, top-k, fold-in, HNSW, ONNX export and
 *       full-ranking evaluation look up a capability and never switch on a model's name, class or
 *       parameter names. The capabilities are small interfaces here: {@link
 *       org.rec4j.model.DotProductModel} (user/item vectors whose dot product plus a per-user
 *       offset is the score, as a {@link org.rec4j.model.Factorization}, which also ranks the
 *       catalog for every such model), {@link org.rec4j.model.ItemEmbeddingTables} (tables for
 *       item-to-item similarity), {@link org.rec4j.model.OnnxExportable} (the scoring function
 *       described on a {@link org.rec4j.model.ScoringGraph}, which {@code org.rec4j.artifact.onnx}
 *       implements) and {@link org.rec4j.model.SeenItems} (training interactions by user). A
 *       wrapper can answer with a capability it does not implement by overriding {@code
 *       capability}. A new family plugs in by implementing capabilities; nothing outside its file
 *       changes.
 *   <li><b>Training outside the serving contract.</b> {@code Recommender} names no {@code
 *       org.rec4j.train} type; trainable models have the {@link org.rec4j.train.Fittable}
 *       capability ({@code fit} through the one trainer). {@code CoreArchitectureTest} keeps it so,
 *       and keeps the ONNX export (and serve's test keeps rec4j-serve) free of any concrete model
 *       class.
 *   <li>{@link org.rec4j.model.NeuralRecommender} is the base of embedding models: a module whose
 *       {@code forward(users, items)} scores pairs; it provides batched thread-safe scoring,
 *       recommendation with seen-item exclusion and filters, training via the trainer,
 *       data-parallel replicas and the state dictionary used by artifacts; it ranks the catalog
 *       through the {@code DotProductModel} vectors when the model has them.
 *   <li>Models: {@link org.rec4j.model.MF} (biased MF), {@link org.rec4j.model.GMF}, {@link
 *       org.rec4j.model.NCF} (MLP tower), {@link org.rec4j.model.NeuMF} (with GMF+MLP pre-training)
 *       and {@link org.rec4j.model.WideDeep} (FTRL wide part). Each works for ratings (linear
 *       output, MSE/MAE/Huber) and implicit feedback (logit, BCE with sampled negatives or BPR).
 *   <li><b>One registry for every family.</b> {@link org.rec4j.model.RecommenderFactory} entries
 *       (ServiceLoader) declare the {@link org.rec4j.model.ModelInput}s their model needs and its
 *       {@link org.rec4j.config.Setting}s with their defaults, and build it from {@link
 *       org.rec4j.model.ModelInputs} and resolved settings; {@link org.rec4j.model.ModelRegistry}
 *       refuses a model whose inputs are missing. The id models' settings are in {@link
 *       org.rec4j.model.IdModelSettings} and become the {@link org.rec4j.model.ModelOptions} they
 *       are built from (MLP widths follow the NCF paper's convention, input width first).
 * </ul>
 */
package org.rec4j.model;
