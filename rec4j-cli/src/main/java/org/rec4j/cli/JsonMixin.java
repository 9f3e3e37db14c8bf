package org.rec4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option shared by every command: the last line of stdout is then one JSON
 * object with snake_case keys, so scripts can read results with {@code tail -n 1}.
 */
public final class JsonMixin {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(
      names = "--json",
      description = "Print one JSON object (snake_case keys) as the last line of stdout.")
  boolean json;

  /** Whether JSON output was asked for. */
  public boolean enabled() {
    return json;
  }

  /** Writes {@code fields} as one JSON line. */
  public static void print(PrintWriter out, Map<String, ?> fields) {
    try {
      out.println(MAPPER.writeValueAsString(fields));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
