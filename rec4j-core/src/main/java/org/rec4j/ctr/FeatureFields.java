package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.List;
import org.rec4j.data.FeatureColumn;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.Vocabulary;

/**
 * Builds fields from a {@link FeatureTable} (one row per user or item), column by column according
 * to its {@link org.rec4j.data.FeatureSchema}: categorical → one id (hashed or cut to a prefix on
 * request), multi-categorical and text → multi-hot with the configured pooling, numeric → a scaled
 * embedding or, with boundaries, a bucket id, dense vectors → a dense field of the same dimension
 * (a missing vector is zeros).
 */
public final class FeatureFields {
  private FeatureFields() {}

  /**
   * The fields of every column of {@code table} not excluded by {@code options}, named {@code
   * prefix + name}.
   */
  public static List<FieldValues> of(FeatureTable table, String prefix, FieldOptions options) {
    List<FieldValues> out = new ArrayList<>();
    for (FeatureColumn c : table.columns()) {
      String name = c.spec().name();
      if (options.exclude().contains(name)) continue;
      out.add(encode(c, prefix + name, options));
    }
    return out;
  }

  private static FieldValues encode(FeatureColumn column, String name, FieldOptions o) {
    String key = column.spec().name();
    return switch (column) {
      case FeatureColumn.Categorical c ->
          categorical(c, name, o.hashBuckets().get(key), o.prefixes().get(key));
      case FeatureColumn.MultiCategorical m ->
          FieldValues.multiHot(name, m.codes(), m.vocabulary().size(), o.pooling());
      case FeatureColumn.Text t ->
          FieldValues.multiHot(name, t.tokens(), t.vocabulary().size(), o.pooling());
      case FeatureColumn.Numeric n ->
          o.boundaries().containsKey(key)
              ? FieldValues.bucketized(name, n.values(), o.boundaries().get(key))
              : FieldValues.numeric(name, n.values());
      case FeatureColumn.Dense d -> FieldValues.dense(name, d.spec().dim(), d.vectors());
    };
  }

  private static FieldValues categorical(
      FeatureColumn.Categorical c, String name, Integer buckets, Integer prefix) {
    int[] codes = c.codes();
    Vocabulary vocab = c.vocabulary();
    if (buckets != null) {
      return FieldValues.hashed(
          name,
          codes.length,
          r -> codes[r] == Vocabulary.MISSING ? null : cut(vocab.value(codes[r]), prefix),
          buckets);
    }
    if (prefix == null) return FieldValues.categorical(name, codes, vocab.size());
    Vocabulary cutVocab = new Vocabulary();
    int[] cutCodes = new int[codes.length];
    for (int r = 0; r < codes.length; r++)
      cutCodes[r] =
          codes[r] == Vocabulary.MISSING ? -1 : cutVocab.add(cut(vocab.value(codes[r]), prefix));
    return FieldValues.categorical(name, cutCodes, cutVocab.size());
  }

  private static String cut(String s, Integer prefix) {
    return prefix == null || s.length() <= prefix ? s : s.substring(0, prefix);
  }
}
