package org.rec4j.cli;

/**
 * The exit codes of every rec4j command. Scripts may rely on them: 0 success, 1 an internal error
 * (a bug, such as a shape mismatch inside the engine: please report it with {@code --stacktrace}),
 * 2 a usage error (unknown option, bad value, a run that diverged with its settings), 3 a data
 * error (missing file, malformed line, checksum mismatch). {@code Main.exitCode} decides which.
 */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** An unexpected internal error. */
  public static final int INTERNAL = 1;

  /** Bad command line. */
  public static final int USAGE = 2;

  /** The data could not be read or verified. */
  public static final int DATA = 3;

  private ExitCode() {}
}
