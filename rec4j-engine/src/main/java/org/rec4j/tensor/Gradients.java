package org.rec4j.tensor;

import org.rec4j.tensor.kernel.Kernels;

/**
 * Every backward rule of the engine, in one reviewable place: given a recorded {@link Node} and the
 * gradient {@code g} of its output, add each input's contribution to that input's gradient. Rules
 * only ever accumulate.
 *
 * <p>Conventions: {@code x} is the first input's data, {@code y} the node's output data, {@code gx}
 * the first input's gradient buffer (only touched when that input requires a gradient). Fused ops
 * (linear, layer norm, batch norm, the GRU recurrence) have dedicated rules that are tested against
 * their decomposed forms; composites (attention, cosine similarity, mean) need none. This file is
 * long by design (one rule per op, ~40 ops) so that a reviewer can check all the calculus side by
 * side.
 */
final class Gradients {
  private static final Kernels K = MathOps.K;

  private Gradients() {}

  /** Adds the contributions of {@code n}'s output gradient {@code g} to its inputs' gradients. */
  static void backward(Node n, float[] g) {
    Tensor a = n.inputs[0];
    float[] y = n.output.data;
    switch (n.op) {
      case ADD, SUB, MUL, DIV -> binary(n, g);
      case ADD_SCALAR, RESHAPE -> {
        if (a.requiresGrad) K.axpy(1f, g, 0, a.gradBuffer(), 0, g.length);
      }
      case MUL_SCALAR -> {
        if (a.requiresGrad) K.axpy(n.f0, g, 0, a.gradBuffer(), 0, g.length);
      }
      case POW_SCALAR,
          EXP,
          LOG,
          SQRT,
          ABS,
          CLAMP,
          LEAKY_RELU,
          ELU,
          GELU,
          SIGMOID,
          TANH,
          SOFTPLUS -> {
        if (a.requiresGrad) unary(n, a.data, y, g, a.gradBuffer());
      }
      case RELU -> {
        if (a.requiresGrad) K.reluBackward(y, 0, g, 0, a.gradBuffer(), 0, g.length);
      }
      case SUM_ALL -> {
        if (a.requiresGrad) {
          float[] gx = a.gradBuffer();
          for (int i = 0; i < gx.length; i++) gx[i] += g[0];
        }
      }
      case SUM_AXIS, MEAN_AXIS, MAX_AXIS -> {
        if (a.requiresGrad) reduceAxis(n, g, a.gradBuffer());
      }
      case SOFTMAX, LOG_SOFTMAX -> {
        if (a.requiresGrad) softmax(n, y, g, a.gradBuffer());
      }
      case PERMUTE -> {
        if (a.requiresGrad) {
          int[] src = (int[]) n.aux;
          float[] gx = a.gradBuffer();
          for (int i = 0; i < src.length; i++) gx[src[i]] += g[i];
        }
      }
      case CONCAT -> concat(n, g);
      case SLICE -> {
        if (a.requiresGrad) slice(n, g, a.gradBuffer());
      }
      case INDEX_SELECT -> {
        if (a.requiresGrad) indexSelect(n, g, a.gradBuffer());
      }
      case GATHER -> {
        if (a.requiresGrad) {
          int[] src = (int[]) n.aux;
          float[] gx = a.gradBuffer();
          for (int i = 0; i < src.length; i++) gx[src[i]] += g[i];
        }
      }
      case EMBEDDING -> embedding(n, g);
      case EMBEDDING_BAG -> embeddingBag(n, g);
      case SCATTER_ADD -> {
        if (a.requiresGrad) {
          int[] idx = n.ints;
          int w = a.size() / Math.max(1, idx.length);
          float[] gx = a.gradBuffer();
          for (int i = 0; i < idx.length; i++) K.axpy(1f, g, idx[i] * w, gx, i * w, w);
        }
      }
      case MASKED_FILL -> {
        if (a.requiresGrad) {
          float[] mask = ((Tensor) n.aux).data;
          float[] gx = a.gradBuffer();
          int m = mask.length;
          for (int i = 0; i < g.length; i++) if (mask[i % m] == 0f) gx[i] += g[i];
        }
      }
      case MATMUL -> matmul(n, g);
      case BMM -> bmm(n, g);
      case BATCHED_OUTER -> batchedOuter(n, g);
      case SPMM -> {
        if (a.requiresGrad)
          LinAlg.spmmInto(((CsrMatrix) n.aux).transpose(), g, a.gradBuffer(), a.dim(1));
      }
      case LINEAR -> linear(n, g);
      case DROPOUT -> {
        if (a.requiresGrad) {
          float[] mask = (float[]) n.aux;
          float[] gx = a.gradBuffer();
          for (int i = 0; i < g.length; i++) gx[i] += g[i] * mask[i];
        }
      }
      case LAYER_NORM -> layerNorm(n, g);
      case BATCH_NORM -> batchNorm(n, g);
      case SEQ_ATTENTION -> SequenceOps.backward(n, g);
      case GRU -> gru(n, g);
      case SEQUENCE_LAST -> {
        if (a.requiresGrad) {
          int[] off = n.ints;
          int d = a.dim(1);
          float[] gx = a.gradBuffer();
          for (int b = 0; b + 1 < off.length; b++) {
            if (off[b + 1] > off[b]) K.axpy(1f, g, b * d, gx, (off[b + 1] - 1) * d, d);
          }
        }
      }
      case CUSTOM -> ((CustomOp.Backward) n.aux).backward(n.output, g, n.inputs);
    }
  }

  // ---- elementwise
  // ---------------------------------------------------------------------------------------------

  private static void binary(Node n, float[] g) {
    Tensor a = n.inputs[0], b = n.inputs[1];
    Shape s = n.output.shape;
    int len = g.length;
    int pa = period(a.shape, s, len), pb = period(b.shape, s, len);
    if ((pa == len && pb > 0) || (pb == len && pa > 0)) {
      // one operand has the output's shape, the other repeats with period p (itself, a trailing
      // block or a scalar):
      // walk the output in blocks of p, with no index maps (the common bias / scalar cases allocate
      // nothing)
      int p = Math.min(pa, pb);
      boolean aFull = pa == len, bFull = pb == len;
      if (a.requiresGrad) {
        float[] ga = a.gradBuffer();
        for (int r = 0; r < len; r += p) {
          for (int j = 0; j < p; j++) {
            int i = r + j, ia = aFull ? i : j, ib = bFull ? i : j;
            ga[ia] += binaryGradA(n.op, g[i], b.data[ib]);
          }
        }
      }
      if (b.requiresGrad) {
        float[] gb = b.gradBuffer();
        for (int r = 0; r < len; r += p) {
          for (int j = 0; j < p; j++) {
            int i = r + j, ia = aFull ? i : j, ib = bFull ? i : j;
            gb[ib] += binaryGradB(n.op, g[i], a.data[ia], b.data[ib]);
          }
        }
      }
      return;
    }
    int[] ma = new Broadcast(a.shape, s).map(len);
    int[] mb = new Broadcast(b.shape, s).map(len);
    if (a.requiresGrad) {
      float[] ga = a.gradBuffer();
      for (int i = 0; i < len; i++) ga[ma[i]] += binaryGradA(n.op, g[i], b.data[mb[i]]);
    }
    if (b.requiresGrad) {
      float[] gb = b.gradBuffer();
      for (int i = 0; i < len; i++)
        gb[mb[i]] += binaryGradB(n.op, g[i], a.data[ma[i]], b.data[mb[i]]);
    }
  }

  /** d(a op b)/da times the upstream gradient {@code g}. */
  private static float binaryGradA(Op op, float g, float b) {
    return switch (op) {
      case MUL -> g * b;
      case DIV -> g / b;
      default -> g;
    };
  }

  /** d(a op b)/db times the upstream gradient {@code g}. */
  private static float binaryGradB(Op op, float g, float a, float b) {
    return switch (op) {
      case SUB -> -g;
      case MUL -> g * a;
      case DIV -> -g * a / (b * b);
      default -> g;
    };
  }

  /**
   * How an operand of shape {@code x} repeats over the broadcast output {@code s} of {@code len}
   * elements: {@code len} when it has the output's shape, its size when it is a scalar or equals
   * the output's trailing dimensions (so element i of the output reads element i mod size), or -1
   * for any other broadcast.
   */
  private static int period(Shape x, Shape s, int len) {
    if (x.equals(s)) return len;
    int size = x.size();
    if (size == 1) return 1;
    return MathOps.isTrailing(x, s) ? size : -1;
  }

  private static void unary(Node n, float[] x, float[] y, float[] g, float[] gx) {
    for (int i = 0; i < g.length; i++) {
      float xi = x[i];
      gx[i] +=
          g[i]
              * switch (n.op) {
                case POW_SCALAR -> n.f0 * (float) Math.pow(xi, n.f0 - 1);
                case EXP -> y[i];
                case LOG -> 1f / xi;
                case SQRT -> 0.5f / y[i];
                case ABS -> Math.signum(xi);
                case CLAMP -> xi >= n.f0 && xi <= n.f1 ? 1f : 0f;
                case LEAKY_RELU -> xi > 0 ? 1f : n.f0;
                case ELU -> xi > 0 ? 1f : y[i] + n.f0;
                case GELU -> Activations.geluGrad(xi);
                case SIGMOID -> y[i] * (1f - y[i]);
                case TANH -> 1f - y[i] * y[i];
                case SOFTPLUS -> Activations.sigmoid(xi);
                default -> throw new IllegalStateException("not a unary op: " + n.op);
              };
    }
  }

  // ---- reductions
  // ----------------------------------------------------------------------------------------------

  private static void reduceAxis(Node n, float[] g, float[] gx) {
    int outer = n.ints[0], len = n.ints[1], inner = n.ints[2];
    int[] arg = (int[]) n.aux;
    float scale = n.op == Op.MEAN_AXIS ? 1f / len : 1f;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        float gi = g[o * inner + i];
        int base = o * len * inner + i;
        if (n.op == Op.MAX_AXIS) {
          gx[base + arg[o * inner + i] * inner] += gi;
        } else {
          for (int j = 0; j < len; j++) gx[base + j * inner] += gi * scale;
        }
      }
    }
  }

  private static void softmax(Node n, float[] y, float[] g, float[] gx) {
    int outer = n.ints[0], len = n.ints[1], inner = n.ints[2];
    boolean log = n.op == Op.LOG_SOFTMAX;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * len * inner + i;
        double s = 0;
        for (int j = 0; j < len; j++) {
          int p = base + j * inner;
          s += log ? g[p] : g[p] * y[p];
        }
        for (int j = 0; j < len; j++) {
          int p = base + j * inner;
          gx[p] += log ? (float) (g[p] - Math.exp(y[p]) * s) : (float) (y[p] * (g[p] - s));
        }
      }
    }
  }

  // ---- shape and index
  // ------------------------------------------------------------------------------------------

  private static void concat(Node n, float[] g) {
    int ax = n.ints[0];
    Shape os = n.output.shape;
    int outer = os.outer(ax), inner = os.inner(ax), total = os.dim(ax);
    int col = 0;
    for (Tensor t : n.inputs) {
      int w = t.shape.dim(ax) * inner;
      if (t.requiresGrad) {
        float[] gt = t.gradBuffer();
        for (int o = 0; o < outer; o++) K.axpy(1f, g, o * total * inner + col, gt, o * w, w);
      }
      col += w;
    }
  }

  private static void slice(Node n, float[] g, float[] gx) {
    Tensor a = n.inputs[0];
    int ax = n.ints[0], start = n.ints[1], end = n.ints[2];
    int outer = a.shape.outer(ax),
        len = a.shape.dim(ax),
        inner = a.shape.inner(ax),
        w = (end - start) * inner;
    for (int o = 0; o < outer; o++) K.axpy(1f, g, o * w, gx, (o * len + start) * inner, w);
  }

  private static void indexSelect(Node n, float[] g, float[] gx) {
    int[] idx = n.ints;
    int[] geo = (int[]) n.aux;
    int outer = geo[1], len = geo[2], inner = geo[3];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < idx.length; j++)
        K.axpy(1f, g, (o * idx.length + j) * inner, gx, (o * len + idx[j]) * inner, inner);
    }
  }

  private static void embedding(Node n, float[] g) {
    Tensor table = n.inputs[0];
    if (!table.requiresGrad) return;
    int[] ids = n.ints;
    int dim = table.dim(1);
    if (table.sparse) {
      SparseRowGrad sg = table.sparseGradBuffer();
      for (int i = 0; i < ids.length; i++) sg.add(ids[i], g, i * dim, 1f);
    } else {
      float[] gt = table.gradBuffer();
      for (int i = 0; i < ids.length; i++) K.axpy(1f, g, i * dim, gt, ids[i] * dim, dim);
    }
  }

  private static void embeddingBag(Node n, float[] g) {
    Tensor table = n.inputs[0];
    if (!table.requiresGrad) return;
    int[] ids = n.ints;
    IndexOps.Bags bags = (IndexOps.Bags) n.aux;
    float[] w = bags.weights();
    int[] off = bags.offsets();
    int dim = table.dim(1);
    SparseRowGrad sg = table.sparse ? table.sparseGradBuffer() : null;
    float[] gt = table.sparse ? null : table.gradBuffer();
    for (int b = 0; b + 1 < off.length; b++) {
      for (int j = off[b]; j < off[b + 1]; j++) {
        if (sg != null) sg.add(ids[j], g, b * dim, w[j]);
        else K.axpy(w[j], g, b * dim, gt, ids[j] * dim, dim);
      }
    }
  }

  // ---- products
  // ---------------------------------------------------------------------------------------------------

  private static void batchedOuter(Node n, float[] g) {
    Tensor a = n.inputs[0], b = n.inputs[1];
    int rows = n.ints[0], p = n.ints[1], q = n.ints[2];
    float[] ga = a.requiresGrad ? a.gradBuffer() : null,
        gb = b.requiresGrad ? b.gradBuffer() : null;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < p; i++) {
        int base = (r * p + i) * q;
        if (ga != null) {
          float s = 0;
          for (int j = 0; j < q; j++) s += g[base + j] * b.data[r * q + j];
          ga[r * p + i] += s;
        }
        if (gb != null) K.axpy(a.data[r * p + i], g, base, gb, r * q, q);
      }
    }
  }

  private static void matmul(Node n, float[] g) {
    Tensor a = n.inputs[0], b = n.inputs[1];
    int m = n.ints[0], nn = n.ints[1], k = n.ints[2];
    boolean ta = n.ints[3] == 1, tb = n.ints[4] == 1;
    productGrads(
        a,
        b,
        a.data,
        0,
        b.data,
        0,
        g,
        0,
        a.requiresGrad ? a.gradBuffer() : null,
        b.requiresGrad ? b.gradBuffer() : null,
        0,
        0,
        m,
        nn,
        k,
        ta,
        tb);
  }

  private static void bmm(Node n, float[] g) {
    Tensor a = n.inputs[0], b = n.inputs[1];
    int batch = n.ints[0], m = n.ints[1], nn = n.ints[2], k = n.ints[3];
    boolean ta = n.ints[4] == 1, tb = n.ints[5] == 1;
    float[] ga = a.requiresGrad ? a.gradBuffer() : null,
        gb = b.requiresGrad ? b.gradBuffer() : null;
    int sa = m * k, sb = k * nn;
    for (int i = 0; i < batch; i++) {
      productGrads(
          a,
          b,
          a.data,
          i * sa,
          b.data,
          i * sb,
          g,
          i * m * nn,
          ga,
          gb,
          i * sa,
          i * sb,
          m,
          nn,
          k,
          ta,
          tb);
    }
  }

  /**
   * For C = op(A)·op(B) (m×n, inner k): dA = g·op(B)ᵀ stored in A's layout, dB = op(A)ᵀ·g stored in
   * B's layout.
   */
  private static void productGrads(
      Tensor a,
      Tensor b,
      float[] ad,
      int ao,
      float[] bd,
      int bo,
      float[] g,
      int go,
      float[] ga,
      float[] gb,
      int gao,
      int gbo,
      int m,
      int n,
      int k,
      boolean ta,
      boolean tb) {
    if (ga != null) {
      if (!ta) {
        if (!tb) K.gemm(false, true, m, k, n, 1f, g, go, n, bd, bo, n, 1f, ga, gao, k);
        else K.gemm(false, false, m, k, n, 1f, g, go, n, bd, bo, k, 1f, ga, gao, k);
      } else {
        if (!tb) K.gemm(false, true, k, m, n, 1f, bd, bo, n, g, go, n, 1f, ga, gao, m);
        else K.gemm(true, true, k, m, n, 1f, bd, bo, k, g, go, n, 1f, ga, gao, m);
      }
    }
    if (gb != null) {
      if (!tb) {
        if (!ta) K.gemm(true, false, k, n, m, 1f, ad, ao, k, g, go, n, 1f, gb, gbo, n);
        else K.gemm(false, false, k, n, m, 1f, ad, ao, m, g, go, n, 1f, gb, gbo, n);
      } else {
        if (!ta) K.gemm(true, false, n, k, m, 1f, g, go, n, ad, ao, k, 1f, gb, gbo, k);
        else K.gemm(true, true, n, k, m, 1f, g, go, n, ad, ao, m, 1f, gb, gbo, k);
      }
    }
  }

  private static void linear(Node n, float[] g) {
    Tensor x = n.inputs[0], w = n.inputs[1], b = n.inputs.length > 2 ? n.inputs[2] : null;
    int rows = n.ints[0], in = n.ints[1], out = n.ints[2];
    Activations.Kind act = (Activations.Kind) n.aux;
    float[] y = n.output.data;
    float[] gp = g;
    if (act != Activations.Kind.IDENTITY) {
      gp = Arena.alloc(g.length);
      switch (act) {
        case RELU -> K.reluBackward(y, 0, g, 0, gp, 0, g.length);
        case SIGMOID -> {
          for (int i = 0; i < g.length; i++) gp[i] = g[i] * y[i] * (1f - y[i]);
        }
        case TANH -> {
          for (int i = 0; i < g.length; i++) gp[i] = g[i] * (1f - y[i] * y[i]);
        }
        default -> throw new IllegalStateException("unknown activation " + act);
      }
    }
    if (x.requiresGrad)
      K.gemm(false, true, rows, in, out, 1f, gp, 0, out, w.data, 0, out, 1f, x.gradBuffer(), 0, in);
    if (w.requiresGrad)
      K.gemm(true, false, in, out, rows, 1f, x.data, 0, in, gp, 0, out, 1f, w.gradBuffer(), 0, out);
    if (b != null && b.requiresGrad) {
      K.addColumnSums(gp, 0, rows, out, out, b.gradBuffer(), 0);
    }
  }

  // ---- recurrence
  // -----------------------------------------------------------------------------------------------

  /**
   * Back-propagation through time for {@link NnOps#gru}. With {@code a = x·W_i + b_i} and {@code c
   * = h·W_h + b_h} split into the gate blocks r, z, n, and {@code dh} the gradient reaching a
   * hidden state (its own output gradient plus what the next step sends back):
   *
   * <pre>
   * dn = dh ⊙ (1 − z)               da_n = dn ⊙ (1 − n²)          dc_n = da_n ⊙ r
   * dz = dh ⊙ (h_prev − n)          da_z = dc_z = dz ⊙ z(1 − z)
   * dr = da_n ⊙ c_n                 da_r = dc_r = dr ⊙ r(1 − r)
   * dh_prev += dh ⊙ z + dc·W_hᵀ
   * </pre>
   *
   * Steps run in reverse on the forward's time-major schedule, so each step's {@code dc·W_hᵀ} is
   * one gemm into the contiguous rows of the previous step. Then {@code dW_h = Σ h_prevᵀ·dc},
   * {@code dW_i = xᵀ·da}, {@code dx = da·W_iᵀ} are one gemm each and the biases take the column
   * sums of {@code dc} and {@code da}.
   */
  private static void gru(Node node, float[] g) {
    Tensor x = node.inputs[0], wi = node.inputs[1], wh = node.inputs[2];
    Tensor bi = node.inputs[3], bh = node.inputs[4];
    int[] offsets = node.ints;
    float[] saved = (float[]) node.aux;
    int rows = x.dim(0), in = x.dim(1), h = wh.dim(0), g3 = 3 * h, gates = rows * h;
    if (rows == 0) return;
    PackedSequences s = PackedSequences.of(offsets);
    float[] dh = Arena.alloc(rows * h); // time-major
    float[] dc = Arena.alloc(rows * g3); // time-major
    float[] da = Arena.alloc(rows * g3); // packed, like x
    // W_hᵀ [3h, h], a zero bias and a few rows of scratch, for the steps with few rows
    float[] whT = Arena.alloc(g3 * h),
        zeros = Arena.alloc(h),
        few = Arena.alloc(NnOps.FEW_ROWS * h);
    for (int q = 0; q < h; q++) for (int c = 0; c < g3; c++) whT[c * h + q] = wh.data[q * g3 + c];
    for (int t = 0; t < s.steps; t++) {
      for (int k = 0; k < s.batch[t]; k++)
        System.arraycopy(g, (offsets[s.order[k]] + t) * h, dh, (s.start[t] + k) * h, h);
    }
    for (int t = s.steps - 1; t >= 0; t--) {
      int active = s.batch[t], row0 = s.start[t], prev0 = t == 0 ? -1 : s.start[t - 1];
      for (int k = 0; k < active; k++) {
        int tm = row0 + k, ao = (offsets[s.order[k]] + t) * g3, co = tm * g3;
        int so = gates + tm * 4 * h, po = (prev0 + k) * h;
        for (int j = 0; j < h; j++) {
          float r = saved[so + j], z = saved[so + h + j];
          float nv = saved[so + 2 * h + j], cn = saved[so + 3 * h + j];
          float hp = t == 0 ? 0f : saved[po + j];
          float d = dh[tm * h + j];
          float dan = d * (1f - z) * (1f - nv * nv);
          float dar = dan * cn * r * (1f - r);
          float daz = d * (hp - nv) * z * (1f - z);
          da[ao + j] = dar;
          da[ao + h + j] = daz;
          da[ao + 2 * h + j] = dan;
          dc[co + j] = dar;
          dc[co + h + j] = daz;
          dc[co + 2 * h + j] = dan * r;
          if (t > 0) dh[po + j] += d * z;
        }
      }
      if (t > 0 && active <= NnOps.FEW_ROWS) {
        K.denseLayer(dc, row0 * g3, active, g3, whT, 0, zeros, 0, false, few, 0, h);
        K.add(dh, prev0 * h, few, 0, dh, prev0 * h, active * h);
      } else if (t > 0) {
        K.gemm(
            false, true, active, h, g3, 1f, dc, row0 * g3, g3, wh.data, 0, g3, 1f, dh, prev0 * h,
            h);
      }
    }
    if (wh.requiresGrad && s.steps > 1) {
      // h_prev of every row after the first step, aligned with dc's rows from start[1] on
      int first = s.start[1];
      float[] hp = Arena.alloc((rows - first) * h);
      for (int t = 1; t < s.steps; t++)
        System.arraycopy(saved, s.start[t - 1] * h, hp, (s.start[t] - first) * h, s.batch[t] * h);
      K.gemm(
          true,
          false,
          h,
          g3,
          rows - first,
          1f,
          hp,
          0,
          h,
          dc,
          first * g3,
          g3,
          1f,
          wh.gradBuffer(),
          0,
          g3);
    }
    if (bh.requiresGrad) K.addColumnSums(dc, 0, rows, g3, g3, bh.gradBuffer(), 0);
    if (bi.requiresGrad) K.addColumnSums(da, 0, rows, g3, g3, bi.gradBuffer(), 0);
    if (wi.requiresGrad)
      K.gemm(true, false, in, g3, rows, 1f, x.data, 0, in, da, 0, g3, 1f, wi.gradBuffer(), 0, g3);
    if (x.requiresGrad)
      K.gemm(false, true, rows, in, g3, 1f, da, 0, g3, wi.data, 0, g3, 1f, x.gradBuffer(), 0, in);
  }

  // ---- normalization
  // --------------------------------------------------------------------------------------------

  private static void layerNorm(Node n, float[] g) {
    Tensor x = n.inputs[0], gamma = n.inputs[1], beta = n.inputs[2];
    float[] stats = (float[]) n.aux;
    int d = x.dim(-1), rows = x.size() / d;
    float[] gx = x.requiresGrad ? x.gradBuffer() : null;
    float[] gg = gamma.requiresGrad ? gamma.gradBuffer() : null;
    float[] gbeta = beta.requiresGrad ? beta.gradBuffer() : null;
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      float mu = stats[2 * r], rstd = stats[2 * r + 1];
      double sumG = 0, sumGX = 0;
      for (int j = 0; j < d; j++) {
        float xhat = (x.data[o + j] - mu) * rstd;
        float gxhat = g[o + j] * gamma.data[j];
        sumG += gxhat;
        sumGX += gxhat * xhat;
        if (gg != null) gg[j] += g[o + j] * xhat;
        if (gbeta != null) gbeta[j] += g[o + j];
      }
      if (gx != null) {
        float mg = (float) (sumG / d), mgx = (float) (sumGX / d);
        for (int j = 0; j < d; j++) {
          float xhat = (x.data[o + j] - mu) * rstd;
          gx[o + j] += rstd * (g[o + j] * gamma.data[j] - mg - xhat * mgx);
        }
      }
    }
  }

  private static void batchNorm(Node n, float[] g) {
    Tensor x = n.inputs[0], gamma = n.inputs[1], beta = n.inputs[2];
    float[] stats = (float[]) n.aux;
    boolean training = n.ints[0] == 1;
    int rows = x.dim(0), c = x.dim(1);
    float[] gx = x.requiresGrad ? x.gradBuffer() : null;
    float[] gg = gamma.requiresGrad ? gamma.gradBuffer() : null;
    float[] gbeta = beta.requiresGrad ? beta.gradBuffer() : null;
    for (int j = 0; j < c; j++) {
      float mu = stats[2 * j], rstd = stats[2 * j + 1];
      double sumG = 0, sumGX = 0;
      for (int r = 0; r < rows; r++) {
        int i = r * c + j;
        float xhat = (x.data[i] - mu) * rstd;
        float gxhat = g[i] * gamma.data[j];
        sumG += gxhat;
        sumGX += gxhat * xhat;
        if (gg != null) gg[j] += g[i] * xhat;
        if (gbeta != null) gbeta[j] += g[i];
      }
      if (gx != null) {
        float mg = training ? (float) (sumG / rows) : 0f,
            mgx = training ? (float) (sumGX / rows) : 0f;
        for (int r = 0; r < rows; r++) {
          int i = r * c + j;
          float xhat = (x.data[i] - mu) * rstd;
          gx[i] += rstd * (g[i] * gamma.data[j] - mg - xhat * mgx);
        }
      }
    }
  }
}
