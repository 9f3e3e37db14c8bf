package org.rec4j.data.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;

/**
 * A byte-level parser for rating files of the form {@code user SEP item SEP rating [SEP timestamp]}
 * with numeric ids and any literal separator ({@code "::"}, tab, comma, space). It reads the bytes
 * once, never builds strings for well-formed lines, and feeds the ids straight into the {@link
 * org.rec4j.data.IdIndex} fast path: this is what loads ML-1M in well under a second.
 *
 * <p>Strict: a line with the wrong number of fields, a non-numeric id, rating or timestamp, or a
 * blank line followed by more data throws a {@link DataFormatException} naming file, line and
 * field. Trailing blank lines and CRLF line ends are accepted. Bytes are not decoded (ids and
 * numbers are ASCII in every supported encoding).
 */
public final class DelimitedRatingParser {
  private static final String[] FIELD_NAMES = {"user", "item", "rating", "timestamp"};

  private final String file;
  private final byte[] sep;
  private final int minFields;
  private final int maxFields;

  /**
   * A parser for {@code file} (used in messages) with separator {@code separator} and between
   * {@code minFields} (2 = user item, value 1; 3 = with rating) and {@code maxFields} (up to 4,
   * with timestamp) fields per line.
   */
  public DelimitedRatingParser(String file, String separator, int minFields, int maxFields) {
    if (minFields < 2 || maxFields > 4 || minFields > maxFields) {
      throw new IllegalArgumentException(
          "fields must satisfy 2 <= min <= max <= 4, got " + minFields + ".." + maxFields);
    }
    this.file = file;
    this.sep = separator.getBytes(StandardCharsets.ISO_8859_1);
    this.minFields = minFields;
    this.maxFields = maxFields;
  }

  /**
   * Reads {@code file} with separator {@code separator}, {@code minFields..maxFields} fields and
   * {@code headerLines} header lines into interactions over {@code users} and {@code items} (which
   * grow).
   */
  public static Interactions readFile(
      Path file,
      String separator,
      int minFields,
      int maxFields,
      int headerLines,
      IdIndex users,
      IdIndex items) {
    byte[] bytes = DataFiles.readBytes(file);
    InteractionsBuilder b =
        Interactions.builder(users, items).reserve(Math.max(16, bytes.length / 16));
    new DelimitedRatingParser(file.toString(), separator, minFields, maxFields)
        .parse(bytes, headerLines, b);
    return b.build();
  }

  /** {@link #readFile(Path, String, int, int, int, IdIndex, IdIndex)} into new id indexes. */
  public static Interactions readFile(
      Path file, String separator, int minFields, int maxFields, int headerLines) {
    return readFile(
        file, separator, minFields, maxFields, headerLines, new IdIndex(), new IdIndex());
  }

  /**
   * Parses {@code data}, skipping {@code headerLines} first lines, into {@code out}; returns the
   * row count.
   */
  public int parse(byte[] data, int headerLines, InteractionsBuilder out) {
    int n = data.length;
    int pos = 0;
    long line = 0;
    int rows = 0;
    int[] fs = new int[5];
    int[] fe = new int[5];
    long blankLine = 0;
    while (pos < n) {
      line++;
      int end = pos;
      while (end < n && data[end] != '\n') {
        end++;
      }
      int next = end + 1;
      if (end > pos && data[end - 1] == '\r') {
        end--;
      }
      if (line <= headerLines) {
        pos = next;
        continue;
      }
      if (end == pos) {
        if (blankLine == 0) {
          blankLine = line;
        }
        pos = next;
        continue;
      }
      if (blankLine != 0) {
        throw new DataFormatException(file, blankLine, "blank line inside the data", null);
      }
      if (!fastLine(data, pos, end, out)) {
        parseLine(data, pos, end, line, fs, fe, out);
      }
      rows++;
      pos = next;
    }
    return rows;
  }

  /**
   * The common case in one pass over the line: plain digits, the separator, an optional decimal
   * point. Returns false, having changed nothing, on anything else; {@link #parseLine} then parses
   * the line or explains the error.
   */
  private boolean fastLine(byte[] d, int pos, int end, InteractionsBuilder out) {
    long u = 0;
    int p = pos;
    int start = p;
    while (p < end && d[p] >= '0' && d[p] <= '9') {
      u = u * 10 + (d[p++] - '0');
    }
    if (p == start || p - start > 18 || !sepAt(d, p, end)) {
      return false;
    }
    p += sep.length;
    start = p;
    long i = 0;
    while (p < end && d[p] >= '0' && d[p] <= '9') {
      i = i * 10 + (d[p++] - '0');
    }
    if (p == start || p - start > 18) {
      return false;
    }
    int fields = 2;
    double v = 1;
    long t = -1;
    if (p < end) {
      if (!sepAt(d, p, end)) {
        return false;
      }
      p += sep.length;
      start = p;
      long mant = 0;
      int scale = 0;
      boolean dot = false;
      while (p < end && ((d[p] >= '0' && d[p] <= '9') || (d[p] == '.' && !dot))) {
        if (d[p] == '.') {
          dot = true;
        } else {
          mant = mant * 10 + (d[p] - '0');
          scale += dot ? 1 : 0;
        }
        p++;
      }
      if (p == start || p - start > 17 || (dot && p - start == 1)) {
        return false;
      }
      v = scale == 0 ? mant : mant / Math.pow(10, scale);
      fields = 3;
      if (p < end) {
        if (!sepAt(d, p, end)) {
          return false;
        }
        p += sep.length;
        start = p;
        t = 0;
        while (p < end && d[p] >= '0' && d[p] <= '9') {
          t = t * 10 + (d[p++] - '0');
        }
        if (p != end || p == start || p - start > 18) {
          return false;
        }
        fields = 4;
      }
    }
    if (fields < minFields || fields > maxFields) {
      return false;
    }
    int du = out.users().add(u);
    int di = out.items().add(i);
    if (t >= 0) {
      out.add(du, di, (float) v, t);
    } else {
      out.add(du, di, (float) v);
    }
    return true;
  }

  private boolean sepAt(byte[] d, int p, int end) {
    return p + sep.length <= end && matches(d, p);
  }

  private void parseLine(
      byte[] data, int pos, int end, long line, int[] fs, int[] fe, InteractionsBuilder out) {
    int fields = split(data, pos, end, fs, fe);
    if (fields < minFields || fields > maxFields) {
      throw new DataFormatException(
          file,
          line,
          "expected "
              + expectedFields()
              + " fields separated by \""
              + new String(sep, StandardCharsets.ISO_8859_1)
              + "\", found "
              + fields
              + ": \""
              + text(data, pos, end)
              + "\"",
          null);
    }
    long u = parseLong(data, fs[0], fe[0]);
    long i = parseLong(data, fs[1], fe[1]);
    if (u < 0) {
      throw fieldError(data, line, 0, fs, fe, "a non-negative integer id");
    }
    if (i < 0) {
      throw fieldError(data, line, 1, fs, fe, "a non-negative integer id");
    }
    double v = 1;
    if (fields > 2) {
      v = parseDecimal(data, fs[2], fe[2]);
      if (Double.isNaN(v)) {
        throw fieldError(data, line, 2, fs, fe, "a number");
      }
    }
    int du = out.users().add(u);
    int di = out.items().add(i);
    if (fields > 3) {
      long t = parseLong(data, fs[3], fe[3]);
      if (t < 0) {
        throw fieldError(data, line, 3, fs, fe, "a non-negative integer timestamp");
      }
      out.add(du, di, (float) v, t);
    } else {
      out.add(du, di, (float) v);
    }
  }

  private String expectedFields() {
    return minFields == maxFields ? Integer.toString(minFields) : minFields + " to " + maxFields;
  }

  private int split(byte[] d, int from, int to, int[] fs, int[] fe) {
    int f = 0;
    int s = from;
    int p = from;
    int last = to - sep.length;
    byte first = sep[0];
    while (p <= last) {
      if (d[p] == first && matches(d, p)) {
        if (f < 4) {
          fs[f] = s;
          fe[f] = p;
        }
        f++;
        p += sep.length;
        s = p;
      } else {
        p++;
      }
    }
    if (f < 4) {
      fs[f] = s;
      fe[f] = to;
    }
    return f + 1;
  }

  private boolean matches(byte[] d, int p) {
    for (int k = 0; k < sep.length; k++) {
      if (d[p + k] != sep[k]) {
        return false;
      }
    }
    return true;
  }

  private DataFormatException fieldError(
      byte[] d, long line, int field, int[] fs, int[] fe, String expected) {
    return new DataFormatException(
        file,
        line,
        "field "
            + (field + 1)
            + " ("
            + FIELD_NAMES[field]
            + "): expected "
            + expected
            + ", found \""
            + text(d, fs[field], fe[field])
            + "\"",
        null);
  }

  private static String text(byte[] d, int from, int to) {
    return new String(d, from, Math.min(to - from, 200), StandardCharsets.ISO_8859_1);
  }

  /**
   * A non-negative decimal integer in {@code d[from, to)}, or -1 if it is not one (or overflows).
   */
  static long parseLong(byte[] d, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int p = from; p < to; p++) {
      int c = d[p] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  /** A decimal number {@code [-]digits[.digits]} in {@code d[from, to)}, or NaN. */
  static double parseDecimal(byte[] d, int from, int to) {
    int p = from;
    boolean neg = false;
    if (p < to && (d[p] == '-' || d[p] == '+')) {
      neg = d[p] == '-';
      p++;
    }
    long mant = 0;
    int digits = 0;
    int scale = 0;
    boolean dot = false;
    for (; p < to; p++) {
      int c = d[p];
      if (c == '.' && !dot) {
        dot = true;
        continue;
      }
      c -= '0';
      if (c < 0 || c > 9 || digits >= 17) {
        return parseSlow(d, from, to);
      }
      mant = mant * 10 + c;
      digits++;
      if (dot) {
        scale++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double v = scale == 0 ? mant : mant / Math.pow(10, scale);
    return neg ? -v : v;
  }

  private static double parseSlow(byte[] d, int from, int to) {
    try {
      double v = Double.parseDouble(new String(d, from, to - from, StandardCharsets.ISO_8859_1));
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
