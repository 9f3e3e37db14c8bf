package org.rec4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Side features of one entity type, one row per dense id of the entity's {@link IdIndex}: columns
 * typed by a {@link FeatureSchema}. Rows never given a value are missing in every column.
 *
 * <p>Built with {@link #builder}: raw string values are set per (row, feature) and converted in
 * {@link Builder#build()}, where text vocabularies are cut at their minimum count and numeric
 * statistics computed.
 */
public final class FeatureTable {
  private final FeatureSchema schema;
  private final int rows;
  private final List<FeatureColumn> columns;

  private FeatureTable(FeatureSchema schema, int rows, List<FeatureColumn> columns) {
    this.schema = schema;
    this.rows = rows;
    this.columns = Collections.unmodifiableList(columns);
  }

  /** A builder for {@code rows} rows. */
  public static Builder builder(FeatureSchema schema, int rows) {
    return new Builder(schema, rows);
  }

  /** The schema. */
  public FeatureSchema schema() {
    return schema;
  }

  /** Number of rows (the entity index size when built). */
  public int rows() {
    return rows;
  }

  /** The column of feature {@code name}. */
  public FeatureColumn column(String name) {
    return columns.get(schema.indexOf(name));
  }

  /** All columns in schema order. */
  public List<FeatureColumn> columns() {
    return columns;
  }

  /**
   * Splits text into lower-case tokens of letters and digits (a hand-written loop: no regex
   * start-up cost).
   */
  public static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int k = 0; k <= text.length(); k++) {
      boolean word = k < text.length() && Character.isLetterOrDigit(text.charAt(k));
      if (word && start < 0) {
        start = k;
      } else if (!word && start >= 0) {
        out.add(text.substring(start, k).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    return out;
  }

  /** Collects raw values; see {@link FeatureTable}. */
  public static final class Builder {
    private final FeatureSchema schema;
    private final int rows;
    private final String[][] raw;

    private Builder(FeatureSchema schema, int rows) {
      this.schema = schema;
      this.rows = rows;
      this.raw = new String[schema.size()][rows];
    }

    /** Sets feature {@code name} of row {@code row}; null or empty means missing. */
    public Builder set(int row, String name, String value) {
      raw[schema.indexOf(name)][row] = value == null || value.isEmpty() ? null : value;
      return this;
    }

    /**
     * Converts the raw values; a numeric or dense value that does not parse throws naming feature
     * and row.
     */
    public FeatureTable build() {
      List<FeatureColumn> cols = new ArrayList<>();
      for (int f = 0; f < schema.size(); f++) {
        FeatureSpec spec = schema.features().get(f);
        String[] v = raw[f];
        cols.add(
            switch (spec.kind()) {
              case CATEGORICAL -> categorical(spec, v);
              case MULTI_CATEGORICAL -> multi(spec, v);
              case NUMERIC -> numeric(spec, v);
              case TEXT -> text(spec, v);
              case DENSE -> dense(spec, v);
            });
      }
      return new FeatureTable(schema, rows, cols);
    }

    private static FeatureColumn categorical(FeatureSpec spec, String[] v) {
      Vocabulary vocab = new Vocabulary();
      int[] codes = new int[v.length];
      for (int r = 0; r < v.length; r++) {
        codes[r] = v[r] == null ? Vocabulary.MISSING : vocab.add(v[r]);
      }
      return new FeatureColumn.Categorical(spec, vocab, codes);
    }

    private static FeatureColumn multi(FeatureSpec spec, String[] v) {
      Vocabulary vocab = new Vocabulary();
      int[][] codes = new int[v.length][];
      Pattern sep = Pattern.compile(Pattern.quote(spec.separator()));
      for (int r = 0; r < v.length; r++) {
        codes[r] =
            v[r] == null
                ? new int[0]
                : java.util.Arrays.stream(sep.split(v[r]))
                    .filter(s -> !s.isEmpty())
                    .distinct()
                    .mapToInt(vocab::add)
                    .toArray();
      }
      return new FeatureColumn.MultiCategorical(spec, vocab, codes);
    }

    private static FeatureColumn numeric(FeatureSpec spec, String[] v) {
      double[] x = new double[v.length];
      double sum = 0;
      double sq = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int n = 0;
      for (int r = 0; r < v.length; r++) {
        if (v[r] == null) {
          x[r] = Double.NaN;
          continue;
        }
        try {
          x[r] = Double.parseDouble(v[r].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "feature "
                  + spec.name()
                  + ", row "
                  + r
                  + ": expected a number, found \""
                  + v[r]
                  + "\"");
        }
        if (!Double.isFinite(x[r])) {
          throw new IllegalArgumentException(
              "feature " + spec.name() + ", row " + r + ": value is not finite: " + v[r]);
        }
        sum += x[r];
        sq += x[r] * x[r];
        min = Math.min(min, x[r]);
        max = Math.max(max, x[r]);
        n++;
      }
      double mean = n == 0 ? 0 : sum / n;
      double std = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean));
      return new FeatureColumn.Numeric(spec, x, mean, std, n == 0 ? 0 : min, n == 0 ? 0 : max);
    }

    private static FeatureColumn text(FeatureSpec spec, String[] v) {
      Map<String, Integer> counts = new HashMap<>();
      List<List<String>> tokens = new ArrayList<>();
      for (String s : v) {
        List<String> t = s == null ? List.of() : tokenize(s);
        tokens.add(t);
        for (String tok : t) {
          counts.merge(tok, 1, Integer::sum);
        }
      }
      Vocabulary vocab = new Vocabulary();
      vocab.add("<unk>");
      int[][] codes = new int[v.length][];
      for (int r = 0; r < v.length; r++) {
        List<String> t = tokens.get(r);
        codes[r] = new int[t.size()];
        for (int k = 0; k < t.size(); k++) {
          codes[r][k] =
              counts.get(t.get(k)) >= spec.minCount() ? vocab.add(t.get(k)) : Vocabulary.UNKNOWN;
        }
      }
      return new FeatureColumn.Text(spec, vocab, codes);
    }

    private static FeatureColumn dense(FeatureSpec spec, String[] v) {
      float[][] vectors = new float[v.length][];
      for (int r = 0; r < v.length; r++) {
        if (v[r] == null) {
          continue;
        }
        String[] parts = v[r].trim().split("[\\s,]+");
        if (parts.length != spec.dim()) {
          throw new IllegalArgumentException(
              "feature "
                  + spec.name()
                  + ", row "
                  + r
                  + ": expected "
                  + spec.dim()
                  + " values, found "
                  + parts.length);
        }
        vectors[r] = new float[spec.dim()];
        for (int k = 0; k < parts.length; k++) {
          try {
            vectors[r][k] = Float.parseFloat(parts[k]);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "feature "
                    + spec.name()
                    + ", row "
                    + r
                    + ", value "
                    + (k + 1)
                    + ": expected a number, found \""
                    + parts[k]
                    + "\"");
          }
        }
      }
      return new FeatureColumn.Dense(spec, vectors);
    }
  }
}
