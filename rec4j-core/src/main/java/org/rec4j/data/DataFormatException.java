package org.rec4j.data;

import java.nio.file.Path;

/**
 * A data file that does not match its format. The message always names the file and the 1-based
 * line (when the problem is tied to a line), the field, what was found and what was expected, e.g.
 * {@code ratings.dat:17: field 3 (rating): expected a number, found "x"}. Readers throw it before
 * returning anything: a file either loads completely or not at all.
 */
public class DataFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  /** A problem at {@code file:line}; {@code line <= 0} means the whole file. */
  public DataFormatException(Path file, long line, String message) {
    this(file == null ? "<input>" : file.toString(), line, message, null);
  }

  /** A problem at {@code file:line} caused by {@code cause}. */
  public DataFormatException(String file, long line, String message, Throwable cause) {
    super(location(file, line) + ": " + message, cause);
    this.file = file;
    this.line = line;
  }

  /** The file name as given to the reader. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem concerns the file as a whole. */
  public long line() {
    return line;
  }

  private static String location(String file, long line) {
    return line > 0 ? file + ":" + line : file;
  }
}
