package org.rec4j.data.io;

import java.nio.file.Path;
import org.rec4j.data.DataFormatException;

/**
 * Parses single text fields for the line readers, failing with file, line, field and the value
 * found. The field is named by parts ({@code kind index (what)}, e.g. {@code column 2 (rating)}) so
 * that no message string is built unless the value is bad: these methods run once per token of
 * large files.
 */
final class Fields {
  private Fields() {}

  /** A finite number, or an error naming {@code kind index (what)}. */
  static double number(Path file, long line, String kind, int index, String what, String s) {
    try {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        file, line, name(kind, index, what) + ": expected a number, found \"" + s + "\"");
  }

  /** A non-negative integer id, or an error naming {@code kind index (what)}. */
  static long id(Path file, long line, String kind, int index, String what, String s) {
    try {
      long v = Long.parseLong(s);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        file,
        line,
        name(kind, index, what) + ": expected a non-negative integer id, " + "found \"" + s + "\"");
  }

  private static String name(String kind, int index, String what) {
    return kind + " " + index + (what == null ? "" : " (" + what + ")");
  }
}
