package org.rec4j.artifact;

/**
 * A model artifact that cannot be read: missing file, bad checksum, unknown format version,
 * malformed content.
 */
public final class ArtifactException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message naming the file and what was expected. */
  public ArtifactException(String message) {
    super(message);
  }

  /** An error caused by an I/O failure. */
  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
