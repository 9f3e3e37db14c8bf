package org.rec4j.cli.config;

/**
 * A config value outside its allowed range or set; the message is {@code KEY: expected …, got
 * VALUE}. An {@link IllegalArgumentException}, so the command line reports it as a usage error.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final String key;

  /** {@code key: expected, got value}. */
  public InvalidValueException(String key, String expected, Object value) {
    super(key + ": " + expected + ", got " + value);
    this.key = key;
  }

  /**
   * {@code key: complaint}, dropping a leading {@code --flag: } from the complaint of a core
   * parser.
   */
  public InvalidValueException(String key, String complaint) {
    super(key + ": " + complaint.replaceFirst("^--[a-z0-9-]+: ", ""));
    this.key = key;
  }

  /** The dotted key ({@code section.name}). */
  public String key() {
    return key;
  }
}
