package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The serving module never depends on training or experiment code (STYLE.md: serve never imports train). */
class DependencyRuleTest {
  private static final Pattern FORBIDDEN = Pattern.compile("^import\\s+(static\\s+)?org\\.rec4j\\.(train|experiment|loss|optim)\\.", Pattern.MULTILINE);

  @Test
  void serveImportsNoTrainingCode() throws IOException {
    Path src = Path.of("src/main/java");
    List<String> offenders;
    try (var files = Files.walk(src)) {
      offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return FORBIDDEN.matcher(Files.readString(f)).find() || Files.readString(f).contains("org.rec4j.train.");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
    }
    assertEquals(List.of(), offenders);
  }
}
