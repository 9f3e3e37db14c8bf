package org.rec4j.serve;

/**
 * {@link Server#start} could not listen because another process already listens on the host and
 * port.
 */
public final class PortInUseException extends IllegalStateException {
  private final int port;

  /** The port {@code port} on {@code host} is taken. */
  public PortInUseException(String host, int port, Throwable cause) {
    super(
        "port "
            + port
            + " is in use on "
            + host
            + " (another process listens there); stop it or choose another port (0 picks a free one)",
        cause);
    this.port = port;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }
}
