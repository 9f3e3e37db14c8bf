package org.rec4j.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The two Jackson mappers of config files, set up alike: snake_case keys, unknown keys and
 * duplicate keys fail, floats do not silently become integers, unset (null) values are not written.
 */
final class ConfigMappers {
  static final ObjectMapper YAML =
      strict(
              YAMLMapper.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
          .build();
  static final ObjectMapper JSON = strict(JsonMapper.builder()).build();

  private ConfigMappers() {}

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B b) {
    return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .serializationInclusion(JsonInclude.Include.NON_NULL);
  }

  /** The mapper for {@code fileName} by its extension (.yaml, .yml or .json). */
  static ObjectMapper forFile(String fileName) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".yaml") || n.endsWith(".yml")) return YAML;
    if (n.endsWith(".json")) return JSON;
    throw new IllegalArgumentException(
        "--config " + fileName + ": expected a .yaml, .yml or .json file");
  }
}
