package org.rec4j.data.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;
import org.rec4j.data.DataFormatException;

/** Writes small fixture files and checks error messages. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text, StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, String text, Charset cs) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, cs);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that {@code run} throws a DataFormatException at {@code file:line} mentioning {@code
   * words}.
   */
  static DataFormatException assertDataError(
      Executable run, String file, long line, String... words) {
    DataFormatException e = assertThrows(DataFormatException.class, run);
    String m = e.getMessage();
    assertTrue(m.contains(file + ":" + line + ":"), "expected " + file + ":" + line + " in: " + m);
    for (String w : words) {
      assertTrue(m.contains(w), "expected '" + w + "' in: " + m);
    }
    return e;
  }
}
