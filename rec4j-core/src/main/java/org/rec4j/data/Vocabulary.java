package org.rec4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of a categorical or text feature numbered {@code 0..size()-1} in order of first
 * appearance. For text features, code {@link #UNKNOWN} ({@code 0}, token {@code "<unk>"}) stands
 * for tokens below the minimum count. Missing values are not in the vocabulary: columns mark them
 * with {@link #MISSING}.
 */
public final class Vocabulary {
  /** Code of a missing value in categorical columns. */
  public static final int MISSING = -1;

  /** Code of an out-of-vocabulary token in text columns. */
  public static final int UNKNOWN = 0;

  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> values = new ArrayList<>();

  /** Code of {@code value}, adding it if new. */
  public int add(String value) {
    Integer c = codes.get(value);
    if (c != null) {
      return c;
    }
    values.add(value);
    codes.put(value, values.size() - 1);
    return values.size() - 1;
  }

  /** Code of {@code value} or {@code -1}. */
  public int code(String value) {
    return codes.getOrDefault(value, -1);
  }

  /** The value with code {@code code}. */
  public String value(int code) {
    return values.get(code);
  }

  /** Number of values. */
  public int size() {
    return values.size();
  }

  /** The values in code order. */
  public List<String> values() {
    return List.copyOf(values);
  }
}
