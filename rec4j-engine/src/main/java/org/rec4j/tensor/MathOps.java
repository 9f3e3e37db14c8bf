package org.rec4j.tensor;

import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;

/**
 * Elementwise arithmetic with NumPy broadcasting, scalar arithmetic and elementwise math functions.
 * Backward rules are in {@link Gradients}.
 */
public final class MathOps {
  static final Kernels K = KernelProvider.get();

  private MathOps() {}

  /** a + b (broadcast). */
  public static Tensor add(Tensor a, Tensor b) {
    return binary(Op.ADD, a, b);
  }

  /** a − b (broadcast). */
  public static Tensor sub(Tensor a, Tensor b) {
    return binary(Op.SUB, a, b);
  }

  /** a · b elementwise (Hadamard product, broadcast). */
  public static Tensor mul(Tensor a, Tensor b) {
    return binary(Op.MUL, a, b);
  }

  /** a / b elementwise (broadcast). */
  public static Tensor div(Tensor a, Tensor b) {
    return binary(Op.DIV, a, b);
  }

  private static Tensor binary(Op op, Tensor a, Tensor b) {
    Shape s = Shape.broadcast(a.shape, b.shape);
    Tensor out = Tensor.empty(s);
    float[] x = a.data, y = b.data, o = out.data;
    int n = o.length;
    if (a.shape.equals(b.shape)) {
      switch (op) {
        case ADD -> K.add(x, 0, y, 0, o, 0, n);
        case SUB -> K.sub(x, 0, y, 0, o, 0, n);
        case MUL -> K.mul(x, 0, y, 0, o, 0, n);
        default -> {
          for (int i = 0; i < n; i++) o[i] = x[i] / y[i];
        }
      }
    } else if (a.shape.equals(s) && isTrailing(b.shape, s)) {
      int m = y.length;
      for (int r = 0; r < n; r += m) {
        switch (op) {
          case ADD -> K.add(x, r, y, 0, o, r, m);
          case SUB -> K.sub(x, r, y, 0, o, r, m);
          case MUL -> K.mul(x, r, y, 0, o, r, m);
          default -> {
            for (int i = 0; i < m; i++) o[r + i] = x[r + i] / y[i];
          }
        }
      }
    } else if (a.shape.equals(s) && y.length == 1) {
      float c = y[0];
      switch (op) {
        case ADD -> {
          for (int i = 0; i < n; i++) o[i] = x[i] + c;
        }
        case SUB -> {
          for (int i = 0; i < n; i++) o[i] = x[i] - c;
        }
        case MUL -> K.scale(c, x, 0, o, 0, n);
        default -> {
          for (int i = 0; i < n; i++) o[i] = x[i] / c;
        }
      }
    } else {
      int[] ma = new Broadcast(a.shape, s).map(n);
      int[] mb = new Broadcast(b.shape, s).map(n);
      for (int i = 0; i < n; i++) o[i] = apply(op, x[ma[i]], y[mb[i]]);
    }
    Autograd.record(out, op, a, b);
    return out;
  }

  /** Whether {@code b} equals the trailing dimensions of {@code s} (so it repeats contiguously). */
  static boolean isTrailing(Shape b, Shape s) {
    if (b.rank() > s.rank()) return false;
    int off = s.rank() - b.rank();
    for (int i = 0; i < b.rank(); i++) {
      if (b.dim(i) != s.dim(i + off)) return false;
    }
    return true;
  }

  private static float apply(Op op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      default -> x / y;
    };
  }

  /** −a. */
  public static Tensor neg(Tensor a) {
    return mulScalar(a, -1f);
  }

  /** a + s. */
  public static Tensor addScalar(Tensor a, float s) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < out.data.length; i++) out.data[i] = a.data[i] + s;
    Autograd.record(out, Op.ADD_SCALAR, a);
    return out;
  }

  /** a · s. */
  public static Tensor mulScalar(Tensor a, float s) {
    Tensor out = Tensor.empty(a.shape);
    K.scale(s, a.data, 0, out.data, 0, a.data.length);
    Node n = Autograd.record(out, Op.MUL_SCALAR, a);
    if (n != null) n.f0 = s;
    return out;
  }

  /** s − a. */
  public static Tensor rsubScalar(float s, Tensor a) {
    return addScalar(neg(a), s);
  }

  /** a<sup>p</sup> elementwise (for non-integer p, a must be positive). */
  public static Tensor pow(Tensor a, float p) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < out.data.length; i++) out.data[i] = (float) Math.pow(a.data[i], p);
    Node n = Autograd.record(out, Op.POW_SCALAR, a);
    if (n != null) n.f0 = p;
    return out;
  }

  /** a². */
  public static Tensor square(Tensor a) {
    return mul(a, a);
  }

  /** e<sup>a</sup>. */
  public static Tensor exp(Tensor a) {
    return unary(Op.EXP, a);
  }

  /** Natural log. */
  public static Tensor log(Tensor a) {
    return unary(Op.LOG, a);
  }

  /** Square root. */
  public static Tensor sqrt(Tensor a) {
    return unary(Op.SQRT, a);
  }

  /** |a| (subgradient 0 at 0). */
  public static Tensor abs(Tensor a) {
    return unary(Op.ABS, a);
  }

  /** min(max(a, lo), hi); the gradient passes where lo ≤ a ≤ hi. */
  public static Tensor clamp(Tensor a, float lo, float hi) {
    if (lo > hi)
      throw new IllegalArgumentException("clamp bounds reversed: lo=" + lo + " > hi=" + hi);
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < out.data.length; i++) out.data[i] = Math.min(Math.max(a.data[i], lo), hi);
    Node n = Autograd.record(out, Op.CLAMP, a);
    if (n != null) {
      n.f0 = lo;
      n.f1 = hi;
    }
    return out;
  }

  static Tensor unary(Op op, Tensor a) {
    Tensor out = Tensor.empty(a.shape);
    float[] x = a.data, y = out.data;
    switch (op) {
      case EXP -> {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.exp(x[i]);
      }
      case LOG -> {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.log(x[i]);
      }
      case SQRT -> {
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.sqrt(x[i]);
      }
      case ABS -> {
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
      }
      default -> throw new IllegalArgumentException("not a math op: " + op);
    }
    Autograd.record(out, op, a);
    return out;
  }
}
