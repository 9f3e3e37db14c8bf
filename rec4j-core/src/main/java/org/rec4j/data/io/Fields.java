package org.rec4j.data.io;

import java.nio.file.Path;
import org.rec4j.data.DataFormatException;

/** Parses single text fields for the line readers, failing with file, line, field and the value found. */
final class Fields {
  private Fields() {}

  /** A finite number, or an error naming {@code what}. */
  static double number(Path file, long line, String what, String s) {
    try {
      double v = Double.parseDouble(s.strip());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(file, line, what + ": expected a number, found \"" + s + "\"");
  }

  /** A non-negative integer id, or an error naming {@code what}. */
  static long id(Path file, long line, String what, String s) {
    try {
      long v = Long.parseLong(s);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(file, line, what + ": expected a non-negative integer id, found \"" + s + "\"");
  }
}
