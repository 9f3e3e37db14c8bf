/**
 * Graph models ({@link org.rec4j.model.ModelInput#GRAPH}): models that propagate embeddings over
 * the user–item interaction graph of the training data.
 *
 * <p><b>Design.</b> The graph is the training interactions themselves: an experiment attaches a
 * {@link org.rec4j.model.GraphInput} to every ranking task (any implicit data provides it), and the
 * model builds its normalized adjacency from the interactions it is {@linkplain
 * org.rec4j.train.Fittable#fit fit} on ({@link org.rec4j.graph.Adjacency}: D^-½ A D^-½ over users +
 * items as an engine {@link org.rec4j.tensor.CsrMatrix}, only the 2|R| non-zeros, nothing dense
 * over nodes × nodes). Propagation is the engine's sparse × dense product {@link
 * org.rec4j.tensor.LinAlg#spmm} with its gradient (Âᵀ·g, the cached transpose), O(|R|·d) per layer
 * forward and backward.
 *
 * <p>{@link org.rec4j.graph.LightGcn} (He et al., SIGIR 2020) trains through the one {@link
 * org.rec4j.train.Trainer} with its own epoch source ({@link org.rec4j.graph.BprTripleSource}: BPR
 * triples drawn as the authors' sampler, full propagation per mini-batch). Once trained its
 * propagated vectors are fixed, so it is a {@link org.rec4j.model.DotProductModel}: scoring,
 * full-ranking evaluation, serving, fold-in and HNSW use its {@link org.rec4j.model.Factorization}
 * and know nothing about graphs. Its artifact stores the ego embeddings and the propagated vectors,
 * so a loaded model never needs the graph.
 *
 * <p>Not yet here (issue 20): GCN/NGCF, GAT, GraphSAGE, side graphs (Last.fm's social edges) and
 * inductive serving of users who joined after training.
 */
package org.rec4j.graph;
