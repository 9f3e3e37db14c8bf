package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Server#start} refusing to start: a port another process listens on is named before any
 * model loads.
 */
class ServerStartIT {
  @Test
  void aPortInUseIsAPortInUseExceptionRaisedBeforeTheModelsLoad(@TempDir Path tmp)
      throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    try (ServerSocket taken = new ServerSocket();
        LogCapture logs = new LogCapture()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      PortInUseException e =
          assertThrows(
              PortInUseException.class,
              () -> Server.start(Server.Config.defaults(tmp).withPort(port)));
      assertEquals(port, e.port());
      assertTrue(
          e.getMessage().startsWith("port " + port + " is in use on 127.0.0.1"), e.getMessage());
      assertFalse(
          logs.text().contains("loaded mf@v1"),
          "failed fast, before loading models:\n" + logs.text());
    }
    try (Server s = Server.start(Server.Config.defaults(tmp).withPort(0))) {
      assertEquals(
          200, new Http(s.uri()).get("/readyz").status(), "port 0 still picks a free port");
    }
  }
}
