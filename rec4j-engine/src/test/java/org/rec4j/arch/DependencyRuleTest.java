package org.rec4j.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's dependency rules, checked on the source: {@code org.rec4j.tensor}, {@code nn}, {@code optim} and
 * {@code loss} import only the JDK and each other, and only the SIMD kernel classes
 * ({@code org.rec4j.tensor.kernel.Simd*}) touch {@code jdk.incubator.vector}.
 */
class DependencyRuleTest {
  private static final Pattern QUALIFIED_VECTOR = Pattern.compile("jdk\\.incubator\\.vector\\.[A-Z]");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void engineUsesOnlyTheJdkAndOnlyTheKernelProviderTouchesTheVectorApi() throws IOException {
    Path root = Path.of("src/main/java/org/rec4j");
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
        files++;
        String rel = root.relativize(p).toString().replace('\\', '/');
        boolean simd = rel.startsWith("tensor/kernel/Simd");
        Matcher m = IMPORT.matcher(Files.readString(p));
        while (m.find()) {
          String imp = m.group(2);
          boolean jdk = imp.startsWith("java.") || imp.startsWith("javax.annotation");
          boolean own = imp.startsWith("org.rec4j.tensor") || imp.startsWith("org.rec4j.nn")
              || imp.startsWith("org.rec4j.optim") || imp.startsWith("org.rec4j.loss");
          boolean vector = imp.startsWith("jdk.incubator.vector");
          if (vector && !simd) violations.add(rel + " imports " + imp + " (only tensor/kernel/Simd* may)");
          if (!vector && !jdk && !own) violations.add(rel + " imports " + imp + " (engine may use only the JDK)");
        }
        if (!simd && QUALIFIED_VECTOR.matcher(Files.readString(p)).find()) {
          violations.add(rel + " uses a jdk.incubator.vector type outside the SIMD kernels");
        }
      }
    }
    assertTrue(files > 10, "expected engine sources under " + root.toAbsolutePath());
    assertTrue(violations.isEmpty(), String.join("\n", violations));
  }
}
