package org.rec4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared research data ({@code shared/data}) by walking up from the working directory;
 * tests that need it are skipped when it is absent. The data is read in place, never copied.
 */
public final class SharedData {
  private SharedData() {}

  /** The folder {@code shared/data/NAME}, or a skipped test. */
  public static Path require(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    Assumptions.abort("shared/data/" + name + " not found above " + Path.of("").toAbsolutePath());
    return null;
  }
}
