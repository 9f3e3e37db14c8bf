package org.rec4j.serve;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what the code under test logs (slf4j-simple writes each line to the current {@code
 * System.err}) while still echoing it, so a test can assert that a refusal or a clean-up was
 * reported.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  LogCapture() {
    System.setErr(new PrintStream(new TeeStream(), true, StandardCharsets.UTF_8));
  }

  /** Everything logged since construction. */
  String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(original);
  }

  private final class TeeStream extends java.io.OutputStream {
    @Override
    public void write(int b) {
      synchronized (buffer) {
        buffer.write(b);
      }
      original.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (buffer) {
        buffer.write(b, off, len);
      }
      original.write(b, off, len);
    }
  }
}
