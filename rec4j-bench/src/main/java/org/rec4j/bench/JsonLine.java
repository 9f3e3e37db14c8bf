package org.rec4j.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line JSON object built field by field, in insertion order: the result line the benchmark
 * harness prints and {@code bench/compare-torch.sh} parses. Values may be strings, numbers,
 * booleans, null, nested maps and lists; non-finite doubles are written as {@code null} (JSON has
 * no NaN), never silently as a number.
 */
public final class JsonLine {
  /**
   * Doubles keep 7 significant digits: more than any timing here can resolve, fewer than float
   * noise.
   */
  private static final MathContext SIGNIFICANT = new MathContext(7);

  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** Adds or replaces {@code key}; returns this line. */
  public JsonLine put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** The fields so far (insertion order). */
  public Map<String, Object> fields() {
    return fields;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    write(sb, fields);
    return sb.toString();
  }

  static void write(StringBuilder sb, Object v) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Boolean b -> sb.append(b);
      case Double d -> number(sb, d);
      case Float f -> number(sb, f.doubleValue());
      case Number n -> sb.append(n.longValue());
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          string(sb, String.valueOf(e.getKey()));
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) sb.append(',');
          write(sb, l.get(i));
        }
        sb.append(']');
      }
      case double[] a -> {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
          if (i > 0) sb.append(',');
          number(sb, a[i]);
        }
        sb.append(']');
      }
      default ->
          throw new IllegalArgumentException(
              "cannot write a " + v.getClass().getName() + " as JSON: " + v);
    }
  }

  private static void number(StringBuilder sb, double d) {
    if (!Double.isFinite(d)) {
      sb.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      sb.append((long) d);
    } else {
      sb.append(new BigDecimal(d).round(SIGNIFICANT).stripTrailingZeros().toPlainString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
