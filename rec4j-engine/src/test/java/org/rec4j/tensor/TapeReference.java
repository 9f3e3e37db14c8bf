package org.rec4j.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded graph of one engine forward pass, re-evaluated in double precision with the {@link
 * Ref} op of each node: the reference forward of a layer or model that is a composition of engine
 * primitives. The graph supplies only the structure (which op, applied to which tensors, with which
 * recorded attributes: axes, index maps, masks, scalars); every value is recomputed in double from
 * the leaves, so perturbing a leaf moves every dependent value.
 *
 * <p>Two constants are not kept by the graph and are recovered from the recorded float32 values:
 * the addend of {@code addScalar} (the float that reproduces the recorded output) and the {@code
 * eps} of layer norm and of batch norm in training ({@code 1/rstd² − σ²}, to about 1e-7 relative to
 * σ²). Both shift the point of evaluation by ~1e-7, which moves derivatives by a comparable
 * relative amount, far below the checker's tolerance. {@link Op#CUSTOM} nodes cannot be
 * re-evaluated; a function containing one needs an explicit reference.
 */
final class TapeReference implements GradCheck.Reference {
  private final Tensor root;
  private final Tensor[] leaves;
  private final List<Node> order = new ArrayList<>();
  private final Map<Tensor, DTensor> constants = new IdentityHashMap<>();
  private final Map<Node, Object> recovered = new IdentityHashMap<>();

  /**
   * The graph that produced {@code root}, with {@code leaves} as the variables (in {@link #apply}
   * order).
   */
  TapeReference(Tensor root, Tensor[] leaves) {
    this.root = root;
    this.leaves = leaves;
    visit(root, new IdentityHashMap<>());
    for (Node n : order) recover(n);
  }

  private int leafIndex(Tensor t) {
    for (int i = 0; i < leaves.length; i++) if (leaves[i] == t) return i;
    return -1;
  }

  /** Depth-first post-order: every node after the nodes of its inputs; constants are copied now. */
  private void visit(Tensor t, Map<Tensor, Boolean> seen) {
    if (seen.put(t, Boolean.TRUE) != null || leafIndex(t) >= 0) return;
    Node n = t.node();
    if (n == null) {
      constants.put(t, DTensor.of(t));
      return;
    }
    if (n.op == Op.CUSTOM) {
      throw new UnsupportedOperationException(
          "a CUSTOM op has no tape reference; give the check an explicit reference");
    }
    for (Tensor in : n.inputs) visit(in, seen);
    order.add(n);
  }

  /** Constants that the node does not record, recovered from its recorded values. */
  private void recover(Node n) {
    switch (n.op) {
      case ADD_SCALAR -> recovered.put(n, addend(n.inputs[0].data(), n.output.data()));
      case MASKED_FILL -> recovered.put(n, n.output.data().clone());
      case DROPOUT -> recovered.put(n, ((float[]) n.aux).clone());
      case LAYER_NORM -> recovered.put(n, epsFromStats(n.inputs[0], (float[]) n.aux, true));
      case BATCH_NORM -> {
        if (n.ints[0] == 1) {
          recovered.put(n, epsFromStats(n.inputs[0], (float[]) n.aux, false));
        } else {
          float[] stats = (float[]) n.aux;
          recovered.put(n, stats.clone());
        }
      }
      default -> {}
    }
  }

  /** The float s with fl(a + s) equal to the recorded output, read where |a| is smallest. */
  private static double addend(float[] a, float[] o) {
    int best = 0;
    for (int i = 1; i < a.length; i++) if (Math.abs(a[i]) < Math.abs(a[best])) best = i;
    float s = (float) ((double) o[best] - a[best]);
    for (float c : new float[] {s, Math.nextUp(s), Math.nextDown(s)}) {
      boolean ok = true;
      for (int i = 0; i < a.length && ok; i++) ok = a[i] + c == o[i];
      if (ok) return c;
    }
    return s;
  }

  /**
   * eps = 1/rstd² − σ² averaged over the rows (layer norm) or columns (batch norm) of the recorded
   * statistics.
   */
  private static double epsFromStats(Tensor x, float[] stats, boolean rows) {
    int d = rows ? x.dim(-1) : x.dim(1),
        groups = rows ? x.size() / d : d,
        len = rows ? d : x.dim(0);
    float[] v = x.data();
    double sum = 0;
    for (int g = 0; g < groups; g++) {
      double mu = 0, var = 0;
      for (int j = 0; j < len; j++) mu += v[rows ? g * d + j : j * d + g];
      mu /= len;
      for (int j = 0; j < len; j++) {
        double c = v[rows ? g * d + j : j * d + g] - mu;
        var += c * c;
      }
      double rstd = stats[2 * g + 1];
      sum += 1 / (rstd * rstd) - var / len;
    }
    return Math.max(0, sum / groups);
  }

  @Override
  public DTensor apply(DTensor[] x) {
    Map<Tensor, DTensor> val = new IdentityHashMap<>(constants);
    for (int i = 0; i < leaves.length; i++) val.put(leaves[i], x[i]);
    for (Node n : order) val.put(n.output, eval(n, val));
    return val.get(root);
  }

  private DTensor eval(Node n, Map<Tensor, DTensor> val) {
    DTensor a = val.get(n.inputs[0]);
    DTensor b = n.inputs.length > 1 ? val.get(n.inputs[1]) : null;
    int[] od = n.output.dims();
    int[] at = n.ints;
    return switch (n.op) {
      case ADD -> Ref.add(a, b);
      case SUB -> Ref.sub(a, b);
      case MUL -> Ref.mul(a, b);
      case DIV -> Ref.div(a, b);
      case ADD_SCALAR -> Ref.addScalar(a, (Double) recovered.get(n));
      case MUL_SCALAR -> Ref.mulScalar(a, n.f0);
      case POW_SCALAR -> Ref.pow(a, n.f0);
      case EXP -> Ref.exp(a);
      case LOG -> Ref.log(a);
      case SQRT -> Ref.sqrt(a);
      case ABS -> Ref.abs(a);
      case CLAMP -> Ref.clamp(a, n.f0, n.f1);
      case RELU -> Ref.map(a, Ref::relu);
      case LEAKY_RELU -> Ref.map(a, v -> Ref.leakyRelu(v, n.f0));
      case ELU -> Ref.map(a, v -> Ref.elu(v, n.f0));
      case GELU -> Ref.map(a, Ref::gelu);
      case SIGMOID -> Ref.map(a, Ref::sigmoid);
      case TANH -> Ref.map(a, Math::tanh);
      case SOFTPLUS -> Ref.map(a, Ref::softplus);
      case SUM_ALL -> Ref.sum(a);
      case SUM_AXIS -> Ref.reshape(Ref.sum(Ref.reshape(a, at[0], at[1], at[2]), 1, false), od);
      case MEAN_AXIS -> Ref.reshape(Ref.mean(Ref.reshape(a, at[0], at[1], at[2]), 1, false), od);
      case MAX_AXIS -> Ref.reshape(Ref.max(Ref.reshape(a, at[0], at[1], at[2]), 1, false), od);
      case SOFTMAX -> Ref.reshape(Ref.softmax(Ref.reshape(a, at[0], at[1], at[2]), 1), od);
      case LOG_SOFTMAX -> Ref.reshape(Ref.logSoftmax(Ref.reshape(a, at[0], at[1], at[2]), 1), od);
      case RESHAPE -> Ref.reshape(a, od);
      case PERMUTE, GATHER -> pick(a, (int[]) n.aux, od);
      case CONCAT -> {
        DTensor[] parts = new DTensor[n.inputs.length];
        for (int i = 0; i < parts.length; i++) parts[i] = val.get(n.inputs[i]);
        yield Ref.concat(at[0], parts);
      }
      case SLICE -> Ref.slice(a, at[0], at[1], at[2]);
      case INDEX_SELECT -> Ref.indexSelect(a, ((int[]) n.aux)[0], at);
      case EMBEDDING -> Ref.reshape(Ref.embedding(a, at), od);
      case EMBEDDING_BAG -> {
        IndexOps.Bags bags = (IndexOps.Bags) n.aux;
        yield Ref.embeddingBag(a, at, bags.weights(), bags.offsets());
      }
      case SCATTER_ADD -> Ref.scatterAdd(a, at, od[0]);
      case MASKED_FILL -> {
        float[] mask = ((Tensor) n.aux).data(), recorded = (float[]) recovered.get(n);
        DTensor out = DTensor.zeros(od);
        for (int i = 0; i < out.v.length; i++)
          out.v[i] = mask[i % mask.length] != 0f ? recorded[i] : a.v[i];
        yield out;
      }
      case MATMUL -> Ref.reshape(Ref.matmul(a, b, at[3] == 1, at[4] == 1), od);
      case BMM -> Ref.bmm(a, b, at[4] == 1, at[5] == 1);
      case BATCHED_OUTER -> Ref.batchedOuter(a, b);
      case SPMM -> Ref.spmm((CsrMatrix) n.aux, a);
      case LINEAR ->
          Ref.linear(
              a, b, n.inputs.length > 2 ? val.get(n.inputs[2]) : null, (Activations.Kind) n.aux);
      case DROPOUT -> {
        float[] mask = (float[]) recovered.get(n);
        DTensor out = DTensor.zeros(od);
        for (int i = 0; i < out.v.length; i++) out.v[i] = a.v[i] * mask[i];
        yield out;
      }
      case LAYER_NORM -> Ref.layerNorm(a, b, val.get(n.inputs[2]), (Double) recovered.get(n));
      case BATCH_NORM -> {
        if (at[0] == 1)
          yield Ref.batchNorm(
              a, b, val.get(n.inputs[2]), null, null, (Double) recovered.get(n), true);
        float[] stats = (float[]) recovered.get(n);
        int c = a.dims[1];
        double[] mu = new double[c], var = new double[c];
        for (int j = 0; j < c; j++) {
          mu[j] = stats[2 * j];
          var[j] = 1 / ((double) stats[2 * j + 1] * stats[2 * j + 1]);
        }
        yield Ref.batchNorm(a, b, val.get(n.inputs[2]), mu, var, 0, false);
      }
      case SEQ_ATTENTION -> {
        if (at[5] == 1)
          throw new UnsupportedOperationException(
              "sequence attention with dropout has no tape reference; check it in eval mode");
        int[] offsets = java.util.Arrays.copyOfRange(at, 8, 8 + at[6] + 1);
        yield Ref.sequenceAttention(
            a,
            b,
            val.get(n.inputs[2]),
            n.inputs.length > 3 ? val.get(n.inputs[3]) : null,
            offsets,
            at[0],
            at[1] == 1,
            at[2],
            at[3]);
      }
      case GRU ->
          Ref.gru(a, at, b, val.get(n.inputs[2]), val.get(n.inputs[3]), val.get(n.inputs[4]));
      case SEQUENCE_LAST -> Ref.sequenceLast(a, at);
      case CUSTOM ->
          throw new IllegalStateException("unreachable: CUSTOM rejected when the tape was read");
    };
  }

  /** out[i] = a[src[i]]: the recorded index map of a permute or gather. */
  private static DTensor pick(DTensor a, int[] src, int[] od) {
    DTensor out = DTensor.zeros(od);
    for (int i = 0; i < src.length; i++) out.v[i] = a.v[src[i]];
    return out;
  }
}
