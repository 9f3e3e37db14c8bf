package org.rec4j.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.data.synth.SyntheticImplicit;
import org.rec4j.data.synth.SyntheticRatings;

/**
 * How every rec4j command names its data: {@code FORMAT:PATH}. FORMAT is one of {@link Format};
 * PATH is a folder or a file. Two formats take options instead of, or after, the path:
 *
 * <ul>
 *   <li>{@code synthetic:key=value,…} — keys {@code kind} ({@code ratings}, the default, or {@code
 *       implicit}), {@code users}, {@code items}, {@code min}, {@code max}, {@code seed}; an empty
 *       PATH means the defaults;
 *   <li>{@code csv:FILE?key=value&…} — keys {@code sep} (a character, or {@code tab}, {@code
 *       comma}, {@code semicolon}, {@code space}), {@code header} ({@code true}/{@code false}, or
 *       {@code yes}/{@code no}; anything else is an error), {@code user}, {@code item}, {@code
 *       rating}, {@code timestamp} (header name or 0-based column; {@code none} for absent), {@code
 *       context} (comma-separated categorical context columns), {@code charset}.
 * </ul>
 *
 * @param format the format
 * @param path the path part (for synthetic, the option list)
 * @param options parsed {@code key=value} options
 */
public record DataSpec(Format format, String path, Map<String, String> options) {

  /** The data formats rec4j reads. */
  public enum Format {
    /** Generated data ({@link SyntheticRatings} or {@link SyntheticImplicit}). */
    SYNTHETIC("synthetic"),
    /** MovieLens 100K ({@link MovieLens100kReader}). */
    ML_100K("ml-100k"),
    /** MovieLens 1M ({@link MovieLens1mReader}). */
    ML_1M("ml-1m"),
    /** MovieLens latest / 20M / 25M ({@link MovieLensLatestReader}). */
    ML_LATEST("ml-latest"),
    /** Generic delimited text ({@link CsvInteractionReader}). */
    CSV("csv"),
    /** NCF train/test/negative files ({@link NcfReader}). */
    NCF("ncf"),
    /** SASRec sequence files ({@link SasRecReader}). */
    SASREC("sasrec"),
    /** LightGCN adjacency lists ({@link LightGcnReader}). */
    LIGHTGCN("lightgcn"),
    /** Last.fm HetRec files of the LightGCN repository ({@link LastFmReader}). */
    LASTFM("lastfm"),
    /** libFM / libSVM ({@link LibFmReader}). */
    LIBFM("libfm");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    /** The name used on the command line. */
    public String label() {
      return label;
    }

    /** The format named {@code label}; throws listing the valid names. */
    public static Format of(String label) {
      for (Format f : values()) {
        if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      List<String> names = new ArrayList<>();
      for (Format f : values()) {
        names.add(f.label);
      }
      throw new IllegalArgumentException(
          "unknown data format '" + label + "'; expected one of " + names);
    }
  }

  /** Copies the options. */
  public DataSpec {
    options = Map.copyOf(options);
  }

  /**
   * Parses {@code FORMAT:PATH}; throws an {@link IllegalArgumentException} saying what was
   * expected.
   */
  public static DataSpec parse(String text) {
    if (text.equals("synthetic")) text = "synthetic:"; // the one format that needs no path
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "expected FORMAT:PATH (e.g. ml-1m:data/ml-1m or synthetic:), got '" + text + "'");
    }
    Format format = Format.of(text.substring(0, colon));
    String rest = text.substring(colon + 1);
    Map<String, String> options = new LinkedHashMap<>();
    String path = rest;
    if (format == Format.SYNTHETIC) {
      parseOptions(rest, ",", options);
    } else {
      int q = rest.indexOf('?');
      if (q >= 0) {
        path = rest.substring(0, q);
        parseOptions(rest.substring(q + 1), "&", options);
      }
      if (path.isEmpty()) {
        throw new IllegalArgumentException(
            "format " + format.label() + " needs a PATH after the colon");
      }
    }
    return new DataSpec(format, path, options);
  }

  private static void parseOptions(String text, String sep, Map<String, String> out) {
    if (text.isBlank()) {
      return;
    }
    for (String kv : text.split(java.util.regex.Pattern.quote(sep))) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + kv + "'");
      }
      out.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
    }
  }

  /** Loads the data this spec names. */
  public Dataset load() {
    Path p = Path.of(path);
    if (format != Format.SYNTHETIC && format != Format.CSV) {
      check(List.of());
    }
    return switch (format) {
      case SYNTHETIC -> synthetic();
      case ML_100K -> MovieLens100kReader.read(p);
      case ML_1M -> MovieLens1mReader.read(p);
      case ML_LATEST -> MovieLensLatestReader.read(p);
      case CSV -> csv(p);
      case NCF -> NcfReader.read(p);
      case SASREC -> SasRecReader.read(p);
      case LIGHTGCN -> LightGcnReader.read(p);
      case LASTFM -> LastFmReader.read(p);
      case LIBFM -> LibFmReader.read(p);
    };
  }

  private Dataset synthetic() {
    check(List.of("kind", "users", "items", "min", "max", "seed"));
    String kind = options.getOrDefault("kind", "ratings");
    if (kind.equals("ratings")) {
      SyntheticRatings.Config d = SyntheticRatings.Config.defaults();
      return SyntheticRatings.generate(
          new SyntheticRatings.Config(
              integer("users", d.users()),
              integer("items", d.items()),
              integer("min", d.minPerUser()),
              integer("max", d.maxPerUser()),
              d.scale(),
              d.noise(),
              integer("seed", (int) d.seed())));
    }
    if (kind.equals("implicit")) {
      SyntheticImplicit.Config d = SyntheticImplicit.Config.defaults();
      return SyntheticImplicit.generate(
              new SyntheticImplicit.Config(
                  integer("users", d.users()),
                  integer("items", d.items()),
                  d.rank(),
                  integer("min", d.minPerUser()),
                  integer("max", d.maxPerUser()),
                  d.skew(),
                  d.transition(),
                  d.topK(),
                  d.categories(),
                  d.imageDim(),
                  integer("seed", (int) d.seed())))
          .dataset();
    }
    throw new IllegalArgumentException(
        "synthetic option kind: expected ratings or implicit, got '" + kind + "'");
  }

  private Dataset csv(Path p) {
    check(List.of("sep", "header", "user", "item", "rating", "timestamp", "context", "charset"));
    String sep = options.getOrDefault("sep", p.toString().endsWith(".tsv") ? "tab" : "comma");
    char c =
        switch (sep) {
          case "tab", "\\t" -> '\t';
          case "comma" -> ',';
          case "semicolon" -> ';';
          case "space" -> ' ';
          default -> {
            if (sep.length() != 1) {
              throw new IllegalArgumentException(
                  "csv option sep: expected one character or tab/comma/semicolon/space, "
                      + "got '"
                      + sep
                      + "'");
            }
            yield sep.charAt(0);
          }
        };
    boolean header = bool("header", false);
    ColumnMapping m =
        new ColumnMapping(
            options.getOrDefault("user", "0"),
            options.getOrDefault("item", "1"),
            column("rating", "2"),
            column("timestamp", "none"),
            options.containsKey("context")
                ? List.of(options.get("context").split(","))
                : List.of());
    Charset cs = charset("charset", StandardCharsets.UTF_8);
    return new CsvInteractionReader(c, header, cs, m).read(p);
  }

  private String column(String key, String def) {
    String v = options.getOrDefault(key, def);
    return v.equals("none") ? null : v;
  }

  private int integer(String key, int def) {
    String v = options.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          format.label() + " option " + key + ": expected an integer, got '" + v + "'");
    }
  }

  /**
   * A boolean option: true/yes or false/no (any case); anything else is an error, never a silent
   * false.
   */
  private boolean bool(String key, boolean def) {
    String v = options.get(key);
    if (v == null) {
      return def;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default ->
          throw new IllegalArgumentException(
              format.label() + " option " + key + ": expected true or false, got '" + v + "'");
    };
  }

  private Charset charset(String key, Charset def) {
    String v = options.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Charset.forName(v);
    } catch (
        IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException
      throw new IllegalArgumentException(
          format.label()
              + " option "
              + key
              + ": unknown charset '"
              + v
              + "'; expected a name such as UTF-8, ISO-8859-1 or windows-1252");
    }
  }

  private void check(List<String> known) {
    if (known.isEmpty() && !options.isEmpty()) {
      throw new IllegalArgumentException(
          "format "
              + format.label()
              + " takes no options, got "
              + options.keySet()
              + " (options after '?' are for csv: only)");
    }
    for (String k : options.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "unknown " + format.label() + " option '" + k + "'; expected one of " + known);
      }
    }
  }

  @Override
  public String toString() {
    return format.label() + ":" + path;
  }
}
