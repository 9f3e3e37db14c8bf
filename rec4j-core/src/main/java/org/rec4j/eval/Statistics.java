package org.rec4j.eval;

/**
 * Summary statistics for multi-seed runs and significance tests between models: mean ± sample
 * standard deviation and the paired two-sided t-test over per-user metric values (Student 1908),
 * with the p-value from the regularized incomplete beta function (continued fraction, Numerical
 * Recipes §6.4 formulation).
 */
public final class Statistics {
  private Statistics() {}

  /** Mean and sample standard deviation (n − 1) of a sample. */
  public record Summary(double mean, double std, int n) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%.4f ± %.4f (n=%d)", mean, std, n);
    }
  }

  /** The outcome of a paired t-test. */
  public record TTest(double meanDifference, double t, int degreesOfFreedom, double pValue) {}

  /** Mean and sample standard deviation. */
  public static Summary summarize(double[] x) {
    if (x.length == 0) throw new IllegalArgumentException("cannot summarize an empty sample");
    double m = 0;
    for (double v : x) m += v;
    m /= x.length;
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    return new Summary(m, x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0, x.length);
  }

  /**
   * Paired two-sided t-test of {@code a − b} (e.g. per-user NDCG of two models on the same users).
   */
  public static TTest pairedTTest(double[] a, double[] b) {
    if (a.length != b.length)
      throw new IllegalArgumentException(
          "paired samples differ in size: " + a.length + " vs " + b.length);
    if (a.length < 2)
      throw new IllegalArgumentException("a paired t-test needs at least 2 pairs, got " + a.length);
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
    Summary s = summarize(d);
    int df = d.length - 1;
    if (s.std() == 0)
      return new TTest(
          s.mean(),
          s.mean() == 0 ? 0 : Double.POSITIVE_INFINITY * Math.signum(s.mean()),
          df,
          s.mean() == 0 ? 1 : 0);
    double t = s.mean() / (s.std() / Math.sqrt(d.length));
    double p = regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    return new TTest(s.mean(), t, df, Math.min(1, p));
  }

  /** I_x(a, b), the regularized incomplete beta function. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(1 - x);
    if (x < (a + 1) / (a + b + 2)) return Math.exp(lnFront) * betaContinuedFraction(x, a, b) / a;
    return 1 - Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a) / b;
  }

  private static double betaContinuedFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      c = 1 + aa / c;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = Math.abs(c) < tiny ? tiny : c;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      c = 1 + aa / c;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = Math.abs(c) < tiny ? tiny : c;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-15) break;
    }
    return h;
  }

  /** log Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, n = 9). */
  static double lgamma(double x) {
    double[] c = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
    x -= 1;
    double s = c[0];
    for (int i = 1; i < 9; i++) s += c[i] / (x + i);
    double t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
  }
}
