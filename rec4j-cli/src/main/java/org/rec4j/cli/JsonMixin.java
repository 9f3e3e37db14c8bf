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

  /**
   * Writes {@code fields} one per line as {@code key value} (numbers with 4 decimals), then, when
   * JSON was asked for, as one JSON line: the result block of train and evaluate.
   */
  public void report(PrintWriter out, Map<String, ?> fields) {
    fields.forEach((k, v) ->
        out.printf(
            java.util.Locale.ROOT,
            "%-16s %s%n",
            k,
            v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4f", d) : v));
    if (json) print(out, fields);
    out.flush();
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
