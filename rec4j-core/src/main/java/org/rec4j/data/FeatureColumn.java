package org.rec4j.data;

/**
 * The values of one feature for every row of a {@link FeatureTable}, in the representation its kind
 * calls for. Missing values are explicit in each representation.
 */
public sealed interface FeatureColumn {

  /** The declaration this column was built from. */
  FeatureSpec spec();

  /** Whether row {@code row} has no value. */
  boolean isMissing(int row);

  /** Single categorical codes; {@link Vocabulary#MISSING} marks a missing value. */
  record Categorical(FeatureSpec spec, Vocabulary vocabulary, int[] codes)
      implements FeatureColumn {
    @Override
    public boolean isMissing(int row) {
      return codes[row] == Vocabulary.MISSING;
    }
  }

  /** Sets of categorical codes; an empty set is a missing value. */
  record MultiCategorical(FeatureSpec spec, Vocabulary vocabulary, int[][] codes)
      implements FeatureColumn {
    @Override
    public boolean isMissing(int row) {
      return codes[row].length == 0;
    }
  }

  /**
   * Real values ({@code NaN} = missing) with statistics over the present values, for normalization:
   * {@code (x - mean) / std} or {@code (x - min) / (max - min)}.
   */
  record Numeric(FeatureSpec spec, double[] values, double mean, double std, double min, double max)
      implements FeatureColumn {
    @Override
    public boolean isMissing(int row) {
      return Double.isNaN(values[row]);
    }

    /** The z-score of row {@code row}; 0 for a missing value (the mean) or a constant column. */
    public double standardized(int row) {
      double v = values[row];
      return Double.isNaN(v) || std == 0 ? 0 : (v - mean) / std;
    }
  }

  /**
   * Token codes per row ({@link Vocabulary#UNKNOWN} for rare tokens); an empty array is a missing
   * value.
   */
  record Text(FeatureSpec spec, Vocabulary vocabulary, int[][] tokens) implements FeatureColumn {
    @Override
    public boolean isMissing(int row) {
      return tokens[row].length == 0;
    }
  }

  /** Fixed-length vectors; {@code null} marks a missing value. */
  record Dense(FeatureSpec spec, float[][] vectors) implements FeatureColumn {
    @Override
    public boolean isMissing(int row) {
      return vectors[row] == null;
    }
  }
}
