/**
 * Neural-network building blocks on top of {@link org.rec4j.tensor}: the {@link
 * org.rec4j.nn.Module} / {@link org.rec4j.nn.Parameter} tree, seeded {@link
 * org.rec4j.nn.Initializer initializers}, and the layers that rec4j's recommenders are built from —
 * {@link org.rec4j.nn.Linear}, {@link org.rec4j.nn.MLP}, {@link org.rec4j.nn.Embedding}, {@link
 * org.rec4j.nn.Dropout}, {@link org.rec4j.nn.LayerNorm}, {@link org.rec4j.nn.BatchNorm}, {@link
 * org.rec4j.nn.MultiHeadAttention}, positional encodings and the {@link
 * org.rec4j.nn.TransformerEncoderBlock} of SASRec and BERT4Rec, the {@link org.rec4j.nn.GRU} of
 * GRU4Rec over packed variable-length sequences, and the feature-interaction layers of CTR models —
 * {@link org.rec4j.nn.FMInteraction}, {@link org.rec4j.nn.CIN}, {@link org.rec4j.nn.CrossNetwork},
 * {@link org.rec4j.nn.InteractingLayer}.
 *
 * <p>Conventions: dense weights are stored {@code W [in, out]} and layers compute {@code x·W};
 * every layer documents its input, parameter and output shapes; every random draw (initialization,
 * dropout masks) comes from an {@link org.rec4j.tensor.Rng} passed to the constructor, so the same
 * seed builds the same model; layers follow the module's {@linkplain
 * org.rec4j.nn.Module#train(boolean) training/evaluation mode}.
 */
package org.rec4j.nn;
