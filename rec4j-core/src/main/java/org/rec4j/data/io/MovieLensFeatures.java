package org.rec4j.data.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.IdIndex;

/**
 * Reads the MovieLens side-feature files into {@link FeatureTable}s keyed by an existing id index:
 * {@code u.item} and {@code u.user} (100K, {@code |}-separated, ISO-8859-1), {@code movies.dat} and
 * {@code users.dat} (1M, {@code ::}-separated, ISO-8859-1), {@code movies.csv} and {@code tags.csv}
 * (latest, UTF-8 CSV with header).
 *
 * <p>Item schema: {@code title} (text), {@code genres} (multi-categorical), {@code year} (numeric,
 * parsed from the trailing "(1995)" of the title; missing when absent). User schema: {@code
 * gender}, {@code age} (numeric for 100K, the age bucket code as categorical for 1M), {@code
 * occupation}, {@code zip}. Feature rows whose id does not occur in the interactions are skipped:
 * the id index, and hence the item count, is defined by the ratings.
 */
public final class MovieLensFeatures {
  /** The 19 ML-100K genres in flag order, used when {@code u.genre} is absent. */
  static final String[] GENRES_100K = {
    "unknown",
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western"
  };

  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

  /** The item schema shared by all MovieLens variants. */
  public static final FeatureSchema ITEM_SCHEMA =
      FeatureSchema.of(
          FeatureSpec.text("title", 1),
          FeatureSpec.multiCategorical("genres", "|"),
          FeatureSpec.numeric("year"),
          FeatureSpec.text("tags", 1));

  private MovieLensFeatures() {}

  /** ML-1M {@code movies.dat}: {@code MovieID::Title::Genres}. */
  public static FeatureTable movies1m(Path file, IdIndex items) {
    FeatureTable.Builder b = FeatureTable.builder(ITEM_SCHEMA, items.size());
    forEachLine(
        file,
        StandardCharsets.ISO_8859_1,
        "::",
        3,
        (line, f) -> {
          int row = items.get(parseId(file, line, f[0]));
          if (row >= 0) {
            setMovie(b, row, f[1], f[2]);
          }
        });
    return b.build();
  }

  /**
   * ML-1M {@code users.dat}: {@code UserID::Gender::Age::Occupation::Zip-code}; age is a bucket
   * code.
   */
  public static FeatureTable users1m(Path file, IdIndex users) {
    return users(file, "::", FeatureSpec.categorical("age"), new int[] {1, 2, 3, 4}, users);
  }

  /** ML-100K {@code u.item}: id, title, release date, video date, URL, 19 genre flags. */
  public static FeatureTable items100k(Path file, IdIndex items) {
    FeatureTable.Builder b = FeatureTable.builder(ITEM_SCHEMA, items.size());
    forEachLine(
        file,
        StandardCharsets.ISO_8859_1,
        "|",
        5 + GENRES_100K.length,
        (line, f) -> {
          int row = items.get(parseId(file, line, f[0]));
          StringBuilder genres = new StringBuilder();
          for (int g = 0; g < GENRES_100K.length; g++) {
            String flag = f[5 + g];
            if (!flag.equals("0") && !flag.equals("1")) {
              throw new DataFormatException(
                  file,
                  line,
                  "field "
                      + (6 + g)
                      + " (genre "
                      + GENRES_100K[g]
                      + "): expected 0 or 1, found \""
                      + flag
                      + "\"");
            }
            if (flag.equals("1")) {
              genres.append(genres.isEmpty() ? "" : "|").append(GENRES_100K[g]);
            }
          }
          if (row >= 0) {
            setMovie(b, row, f[1], genres.toString());
          }
        });
    return b.build();
  }

  /** ML-100K {@code u.user}: id, age, gender, occupation, zip; age is a number of years. */
  public static FeatureTable users100k(Path file, IdIndex users) {
    return users(file, "|", FeatureSpec.numeric("age"), new int[] {2, 1, 3, 4}, users);
  }

  /** User files: {@code columns} holds the positions of gender, age, occupation and zip. */
  private static FeatureTable users(
      Path file, String sep, FeatureSpec age, int[] columns, IdIndex users) {
    FeatureSchema schema =
        FeatureSchema.of(
            FeatureSpec.categorical("gender"),
            age,
            FeatureSpec.categorical("occupation"),
            FeatureSpec.categorical("zip"));
    String[] names = {"gender", "age", "occupation", "zip"};
    FeatureTable.Builder b = FeatureTable.builder(schema, users.size());
    forEachLine(
        file,
        StandardCharsets.ISO_8859_1,
        sep,
        5,
        (line, f) -> {
          int row = users.get(parseId(file, line, f[0]));
          if (age.kind() == org.rec4j.data.FeatureKind.NUMERIC) {
            Fields.id(file, line, "field", columns[1] + 1, "age", f[columns[1]]);
          }
          for (int k = 0; row >= 0 && k < names.length; k++) {
            b.set(row, names[k], f[columns[k]]);
          }
        });
    return b.build();
  }

  /**
   * ML-latest {@code movies.csv} (header {@code movieId,title,genres}) and, if non-null, {@code
   * tags.csv}.
   */
  public static FeatureTable moviesCsv(Path movies, Path tags, IdIndex items) {
    FeatureTable.Builder b = FeatureTable.builder(ITEM_SCHEMA, items.size());
    forEachCsv(
        movies,
        List.of("movieId", "title", "genres"),
        (line, f) -> {
          int row = items.get(parseId(movies, line, f.get(0)));
          if (row >= 0) {
            setMovie(b, row, f.get(1), f.get(2).equals("(no genres listed)") ? "" : f.get(2));
          }
        });
    if (tags != null) {
      Map<Integer, StringBuilder> text = new HashMap<>();
      forEachCsv(
          tags,
          List.of("userId", "movieId", "tag", "timestamp"),
          (line, f) -> {
            int row = items.get(parseId(tags, line, f.get(1)));
            if (row >= 0) {
              text.computeIfAbsent(row, k -> new StringBuilder()).append(' ').append(f.get(2));
            }
          });
      text.forEach((row, sb) -> b.set(row, "tags", sb.toString().trim()));
    }
    return b.build();
  }

  private static void setMovie(FeatureTable.Builder b, int row, String title, String genres) {
    b.set(row, "title", title).set(row, "genres", genres);
    Matcher m = YEAR.matcher(title);
    if (m.find()) {
      b.set(row, "year", m.group(1));
    }
  }

  static long parseId(Path file, long line, String s) {
    return Fields.id(file, line, "field", 1, "id", s);
  }

  /** Receives one split line. */
  interface LineHandler {
    void accept(long line, String[] fields);
  }

  /** Receives one CSV record. */
  interface RecordHandler {
    void accept(long line, List<String> fields);
  }

  static void forEachLine(Path file, Charset cs, String sep, int fields, LineHandler h) {
    List<String> lines = DataFiles.lines(DataFiles.decode(file, DataFiles.readBytes(file), cs));
    for (int k = 0; k < lines.size(); k++) {
      String s = lines.get(k);
      if (s.isEmpty()) {
        continue;
      }
      String[] f = splitLiteral(s, sep);
      if (f.length != fields) {
        throw new DataFormatException(
            file,
            k + 1,
            "expected " + fields + " fields separated by \"" + sep + "\", found " + f.length);
      }
      h.accept(k + 1, f);
    }
  }

  static void forEachCsv(Path file, List<String> header, RecordHandler h) {
    String text = DataFiles.decode(file, DataFiles.readBytes(file), StandardCharsets.UTF_8);
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .ofCsvRecord(text)) {
      boolean first = true;
      for (CsvRecord r : csv) {
        long line = r.getStartingLineNumber();
        if (first) {
          first = false;
          if (!r.getFields().equals(header)) {
            throw new DataFormatException(
                file,
                line,
                "expected header "
                    + String.join(",", header)
                    + ", found "
                    + String.join(",", r.getFields()));
          }
          continue;
        }
        if (r.getFieldCount() != header.size()) {
          throw new DataFormatException(
              file, line, "expected " + header.size() + " fields, found " + r.getFieldCount());
        }
        h.accept(line, r.getFields());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
      throw new DataFormatException(file.toString(), 0, "CSV syntax: " + e.getMessage(), e);
    }
  }

  static String[] splitLiteral(String s, String sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int p;
    while ((p = s.indexOf(sep, start)) >= 0) {
      out.add(s.substring(start, p));
      start = p + sep.length();
    }
    out.add(s.substring(start));
    return out.toArray(new String[0]);
  }

  static boolean exists(Path p) {
    return p != null && Files.isRegularFile(p);
  }
}
