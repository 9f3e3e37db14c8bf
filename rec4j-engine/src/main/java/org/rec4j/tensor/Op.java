package org.rec4j.tensor;

/**
 * Every differentiable primitive of the engine; {@link Gradients} holds one backward rule per
 * constant.
 */
public enum Op {
  ADD,
  SUB,
  MUL,
  DIV,
  ADD_SCALAR,
  MUL_SCALAR,
  POW_SCALAR,
  EXP,
  LOG,
  SQRT,
  ABS,
  CLAMP,
  RELU,
  LEAKY_RELU,
  ELU,
  GELU,
  SIGMOID,
  TANH,
  SOFTPLUS,
  SUM_ALL,
  SUM_AXIS,
  MEAN_AXIS,
  MAX_AXIS,
  SOFTMAX,
  LOG_SOFTMAX,
  RESHAPE,
  PERMUTE,
  CONCAT,
  SLICE,
  INDEX_SELECT,
  GATHER,
  EMBEDDING,
  EMBEDDING_BAG,
  SCATTER_ADD,
  MASKED_FILL,
  MATMUL,
  BMM,
  BATCHED_OUTER,
  SPMM,
  LINEAR,
  DROPOUT,
  LAYER_NORM,
  BATCH_NORM,
  /** Packed multi-head attention of {@link SequenceOps#attention}. */
  SEQ_ATTENTION,
  CUSTOM
}
