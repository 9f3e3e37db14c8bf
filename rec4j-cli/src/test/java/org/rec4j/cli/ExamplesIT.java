package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rec4j.cli.config.ConfigReader;
import org.rec4j.cli.config.RunConfig;
import org.rec4j.data.io.DataSpec;

/**
 * Slow checks of {@code examples/}: each MovieLens config resolves against the real data when that
 * data is present (paths in the files are relative to the repository root), and each synthetic
 * config trains for one epoch.
 */
class ExamplesIT {
  @Test
  void movieLensExamplesResolveWhenTheDataIsPresent() throws Exception {
    for (Path f : ExamplesTest.examples()) {
      RunConfig c = ConfigReader.read(f);
      if (ExamplesTest.synthetic(c)) continue;
      DataSpec spec = DataSpec.parse(c.data().spec());
      Path data = ExamplesTest.ROOT.resolve(spec.path()).normalize();
      if (!Files.exists(data)) {
        System.out.println("skipped " + f.getFileName() + ": no " + data);
        continue;
      }
      ConfigCommandTest.Run r =
          ConfigCommandTest.run(
              "config",
              "show",
              "--config",
              f.toString(),
              "--data",
              spec.format().label() + ":" + data);
      assertEquals(ExitCode.OK, r.code(), f + ": " + r.err());
      assertTrue(r.out().contains("name: " + c.model().name()), r.out());
    }
  }

  @Test
  void syntheticExamplesTrainOneEpoch() throws Exception {
    for (Path f : ExamplesTest.examples()) {
      if (!ExamplesTest.synthetic(ConfigReader.read(f))) continue;
      ConfigCommandTest.Run r =
          ConfigCommandTest.run(
              "train", "--config", f.toString(), "--epochs", "1", "--quiet", "--json");
      assertEquals(ExitCode.OK, r.code(), f + ": " + r.err());
      assertTrue(r.out().contains("\"epochs\":1"), r.out());
    }
  }
}
