package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rec4j.cli.config.ConfigReader;
import org.rec4j.cli.config.RunConfig;
import org.rec4j.data.io.DataSpec;

/**
 * Every config in {@code examples/} binds, names its model and data, and is listed in the README;
 * the synthetic ones resolve fully and round-trip through {@code config show}. {@link ExamplesIT}
 * resolves the MovieLens ones when the data is present and trains the synthetic ones for an epoch.
 */
class ExamplesTest {
  /** The repository root: tests run in the module folder. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.walk(ROOT.resolve("examples"))) {
      return s.filter(p -> p.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList();
    }
  }

  static boolean synthetic(RunConfig c) {
    return DataSpec.parse(c.data().spec()).format() == DataSpec.Format.SYNTHETIC;
  }

  @Test
  void everyExampleBindsAndIsListed() throws Exception {
    List<Path> files = examples();
    assertTrue(files.size() >= 10, files.toString());
    String readme = Files.readString(ROOT.resolve("examples/README.md"));
    for (String model : List.of("mf", "gmf", "ncf", "neumf", "widedeep")) {
      assertTrue(Files.exists(ROOT.resolve("examples/" + model + "-synthetic.yaml")), model);
    }
    for (Path f : files) {
      RunConfig c = ConfigReader.read(f);
      assertNotNull(c.model().name(), f + " names its model");
      assertNotNull(c.data().spec(), f + " names its data");
      assertNotNull(c.trainer().task(), f + " states its task");
      assertTrue(Files.readString(f).startsWith("#"), f + " starts with a comment");
      assertTrue(
          readme.contains("examples/" + f.getFileName()), f + " is listed in examples/README.md");
    }
  }

  @Test
  void syntheticExamplesResolveAndRoundTrip() throws Exception {
    for (Path f : examples()) {
      RunConfig file = ConfigReader.read(f);
      if (!synthetic(file)) continue;
      ConfigCommandTest.Run shown =
          ConfigCommandTest.run("config", "show", "--config", f.toString());
      assertEquals(ExitCode.OK, shown.code(), f + ": " + shown.err());
      Path back = Files.createTempFile("rec4j-example", ".yaml");
      try {
        Files.writeString(back, shown.out());
        RunConfig resolved = ConfigReader.read(back);
        assertEquals(file.trainer().task(), resolved.trainer().task(), f.toString());
        assertEquals(file.model().name(), resolved.model().name(), f.toString());
        assertFalse(
            resolved.trainer().epochs() == null || resolved.evaluation().evalNegatives() == null);
        assertEquals(
            shown.out(),
            ConfigCommandTest.run("config", "show", "--config", back.toString()).out(),
            f.toString());
      } finally {
        Files.delete(back);
      }
    }
  }
}
