package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.TrainCommandTest.Run;
import picocli.CommandLine;

/**
 * {@code rec4j serve}: option parsing and the one-line usage errors it gives before serving
 * anything (issue 16).
 */
class ServeCommandTest {
  private static void assertOneLineUsageError(Run r, String... words) {
    assertEquals(ExitCode.USAGE, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("rec4j: error: "), r.err());
    assertFalse(
        r.err().contains("Exception"), "no Java exception class in the message: " + r.err());
    for (String w : words) assertTrue(r.err().contains(w), "'" + w + "' missing from " + r.err());
  }

  @Test
  void parsesItsOptions(@TempDir Path tmp) {
    CommandLine.ParseResult p =
        Main.commandLine()
            .parseArgs(
                "serve",
                "--models",
                tmp.toString(),
                "--port",
                "0",
                "--cache",
                "0",
                "--events",
                tmp.resolve("e.db").toString());
    ServeCommand s = (ServeCommand) p.subcommand().commandSpec().userObject();
    assertEquals(0, s.port);
    assertEquals(0, s.cache);
  }

  @Test
  void aMissingModelsDirectoryIsAOneLineUsageErrorStatingTheLayout(@TempDir Path tmp)
      throws Exception {
    String layout =
        "expected a directory of models, DIR/<name>/<version>/model.json (or <version>.zip) or DIR/<name>/model.json";
    assertOneLineUsageError(
        TrainCommandTest.run("serve", "--models", "/nonexistent"),
        "--models /nonexistent: no such directory",
        layout);
    Files.writeString(tmp.resolve("file"), "x");
    assertOneLineUsageError(
        TrainCommandTest.run("serve", "--models", tmp.resolve("file").toString()),
        "not a directory",
        layout);
  }

  @Test
  void aModelsDirectoryThatIsItselfAnArtifactIsAUsageErrorNamingTheParent(@TempDir Path tmp)
      throws Exception {
    Path artifact = Files.createDirectories(tmp.resolve("neumf8"));
    Files.writeString(artifact.resolve("model.json"), "{}");
    assertOneLineUsageError(
        TrainCommandTest.run("serve", "--models", artifact.toString()),
        "is itself a model artifact",
        "--models " + tmp + " serves it as 'neumf8'");
  }

  @Test
  void aPortInUseIsAOneLineUsageErrorNotAnInternalError(@TempDir Path tmp) throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Run r =
          TrainCommandTest.run(
              "serve",
              "--models",
              tmp.toString(),
              "--port",
              Integer.toString(port),
              "--events",
              tmp.resolve("e.db").toString());
      assertOneLineUsageError(r, "port " + port + " is in use on 127.0.0.1", "pass another --port");
    }
  }
}
