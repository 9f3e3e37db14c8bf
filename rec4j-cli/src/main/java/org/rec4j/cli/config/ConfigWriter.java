package org.rec4j.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Writes a {@link RunConfig} in the form {@link ConfigReader} reads back: YAML, or JSON on one
 * line.
 */
public final class ConfigWriter {
  private ConfigWriter() {}

  /** The config as YAML, sections in file order. */
  public static String yaml(RunConfig c) {
    return write(ConfigMappers.YAML, c);
  }

  /** The config as one line of JSON. */
  public static String json(RunConfig c) {
    return write(ConfigMappers.JSON, c);
  }

  private static String write(com.fasterxml.jackson.databind.ObjectMapper m, RunConfig c) {
    try {
      return m.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the config: " + e.getMessage(), e);
    }
  }
}
