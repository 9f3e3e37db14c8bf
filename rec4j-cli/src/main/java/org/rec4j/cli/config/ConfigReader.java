package org.rec4j.cli.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a config file (YAML for {@code .yaml}/{@code .yml}, JSON for {@code .json}) into a {@link
 * RunConfig}. Every problem is an {@link IllegalArgumentException} with a one-line message naming
 * the file, the line and the key:
 *
 * <pre>
 * x.yaml:7: unknown key 'trainer.learning_rate'; did you mean 'trainer.lr'? (valid: task, objective, …)
 * x.yaml:4: trainer.epochs: expected an integer >= 1, got -3
 * x.yaml:5: trainer.epochs: expected an integer, got 'many'
 * </pre>
 */
public final class ConfigReader {
  /** The valid keys of each section, in file order; the key {@code ""} holds the section names. */
  static final Map<String, List<String>> KEYS = keys();

  private ConfigReader() {}

  /** Reads and validates {@code file}. */
  public static RunConfig read(Path file) {
    ObjectMapper mapper = ConfigMappers.forFile(file.toString());
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--config " + file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("--config " + file + ": cannot read: " + e.getMessage());
    }
    return read(mapper, text, file.toString());
  }

  /** Reads {@code text} with {@code mapper}; {@code name} is the file name used in messages. */
  static RunConfig read(ObjectMapper mapper, String text, String name) {
    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#")))
      return RunConfig.EMPTY;
    JsonNode tree;
    try {
      tree =
          mapper.readTree(text); // syntax first, so a syntax error is not reported as a wrong value
    } catch (JsonProcessingException e) {
      String format = mapper == ConfigMappers.JSON ? "JSON" : "YAML";
      // SnakeYAML's message is context and problem lines, each followed by indented excerpts: keep
      // the former
      String what =
          String.join(
              "; ",
              e.getOriginalMessage()
                  .lines()
                  .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                  .toList());
      throw new IllegalArgumentException(
          where(name, e.getLocation()) + "malformed " + format + ": " + what);
    }
    try {
      RunConfig c = mapper.readValue(text, RunConfig.class);
      return c != null ? c : RunConfig.EMPTY;
    } catch (UnrecognizedPropertyException e) {
      // Jackson's location is where the parser stopped, which in YAML may be past the key: take the
      // key's own line
      throw new IllegalArgumentException(
          where(name, keyLines(mapper, text).get(key(e)), e) + unknownKey(e));
    } catch (JsonMappingException e) {
      InvalidValueException bad = cause(e);
      if (bad != null)
        throw new IllegalArgumentException(
            where(name, keyLines(mapper, text).get(bad.key()), e) + bad.getMessage());
      String where = where(name, keyLines(mapper, text).get(key(e)), e);
      if (e instanceof MismatchedInputException m)
        throw new IllegalArgumentException(where + mismatch(m, tree));
      throw new IllegalArgumentException(
          where + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (JsonProcessingException e) { // e.g. a number out of range
      throw new IllegalArgumentException(
          where(name, e.getLocation())
              + e.getOriginalMessage().lines().findFirst().orElse("").strip());
    }
  }

  private static String where(String name, Integer keyLine, JsonProcessingException e) {
    return keyLine != null ? name + ":" + keyLine + ": " : where(name, e.getLocation());
  }

  /** The dotted key a mapping error is about ({@code trainer.epochs}; list indices left out). */
  private static String key(JsonMappingException e) {
    List<String> names = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath())
      if (r.getFieldName() != null) names.add(r.getFieldName());
    return String.join(".", names);
  }

  private static String where(String name, JsonLocation loc) {
    return loc != null && loc.getLineNr() > 0 ? name + ":" + loc.getLineNr() + ": " : name + ": ";
  }

  private static String unknownKey(UnrecognizedPropertyException e) {
    String section = e.getPath().size() > 1 ? e.getPath().get(0).getFieldName() : "";
    String prefix = section.isEmpty() ? "" : section + ".";
    String key = e.getPropertyName();
    List<String> valid = KEYS.getOrDefault(section, List.of());
    Optional<String> suggestion =
        org.rec4j.config.KeySuggester.closest(key, valid).map(s -> prefix + s);
    if (suggestion.isEmpty()) {
      // the key may be right but in the wrong section (trainer.factors → model.factors)
      String n = org.rec4j.config.KeySuggester.normalize(key);
      suggestion =
          KEYS.entrySet().stream()
              .filter(s -> !s.getKey().isEmpty() && s.getValue().contains(n))
              .map(s -> s.getKey() + "." + n)
              .findFirst();
    }
    return "unknown key '"
        + prefix
        + key
        + "'"
        + suggestion.map(s -> "; did you mean '" + s + "'?").orElse("")
        + " (valid"
        + (section.isEmpty() ? " sections" : " in " + section)
        + ": "
        + String.join(", ", valid)
        + ")";
  }

  private static String mismatch(MismatchedInputException e, JsonNode tree) {
    String key = key(e);
    Class<?> type = e.getTargetType();
    String expected;
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
      expected = "an integer";
    else if (type == Double.class || type == Float.class) expected = "a number";
    else if (type == Boolean.class) expected = "true or false";
    else if (type == String.class) expected = "a string";
    else if (type != null && List.class.isAssignableFrom(type)) expected = "a list of integers";
    else if (type == RunConfig.class) expected = "sections " + String.join(", ", KEYS.get(""));
    else if (type != null && type.isRecord())
      expected = "a section of key: value lines (" + String.join(", ", KEYS.get(key)) + ")";
    else expected = "another value";
    String got =
        e instanceof InvalidFormatException f
            ? quoted(f.getValue())
            : got(key.isEmpty() ? tree : tree.at("/" + key.replace('.', '/')));
    return (key.isEmpty() ? "" : key + ": ") + "expected " + expected + ", got " + got;
  }

  private static String quoted(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  private static String got(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return "nothing";
    if (n.isObject()) return "a section";
    return n.isTextual() ? "'" + n.asText() + "'" : n.toString();
  }

  private static InvalidValueException cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof InvalidValueException v) return v;
    return null;
  }

  /**
   * The line of every key ({@code section.key}) in {@code text}; empty where the text does not
   * parse.
   */
  static Map<String, Integer> keyLines(ObjectMapper mapper, String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = mapper.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          String key =
              p.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
          lines.putIfAbsent(key, p.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // the full read reports the syntax error
    }
    return lines;
  }

  private static Map<String, List<String>> keys() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("", List.of(RunConfig.class.getAnnotation(JsonPropertyOrder.class).value()));
    m.put("data", List.of(RunConfig.Data.class.getAnnotation(JsonPropertyOrder.class).value()));
    m.put("model", List.of(RunConfig.Model.class.getAnnotation(JsonPropertyOrder.class).value()));
    m.put(
        "trainer", List.of(RunConfig.Trainer.class.getAnnotation(JsonPropertyOrder.class).value()));
    m.put(
        "evaluation",
        List.of(RunConfig.Evaluation.class.getAnnotation(JsonPropertyOrder.class).value()));
    return Map.copyOf(m);
  }
}
