package org.rec4j.data.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.Vocabulary;

/**
 * Reads any delimited text file (CSV, TSV, …) with FastCSV, given a {@link ColumnMapping}, a
 * separator, whether the first line is a header, and a charset (decoded strictly: a bad byte is
 * reported with its line). Ids are arbitrary strings. Every record must have as many fields as the
 * first one; a non-numeric rating or timestamp, or an empty id, is an error naming file, line and
 * column. Context columns are categorical: each value becomes a code in order of first appearance
 * ({@link Vocabulary#MISSING} for an empty field), stored in {@link Interactions#context()}; the
 * vocabularies are in {@link Dataset#contextVocabularies()}. A file without a single interaction is
 * an error.
 *
 * @param separator field separator (e.g. {@code ','} or {@code '\t'})
 * @param header whether the first line names the columns
 * @param charset file encoding
 * @param mapping which column holds what
 */
public record CsvInteractionReader(
    char separator, boolean header, Charset charset, ColumnMapping mapping) {

  /** Reads {@code file}. */
  public Dataset read(Path file) {
    String text = DataFiles.decode(file, DataFiles.readBytes(file), charset);
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    InteractionsBuilder b = Interactions.builder(users, items);
    Map<String, Vocabulary> vocabs = new HashMap<>();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(separator)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .skipEmptyLines(true)
            .ofCsvRecord(text)) {
      int[] cols = null;
      int width = -1;
      for (CsvRecord r : csv) {
        long line = r.getStartingLineNumber();
        if (cols == null) {
          width = r.getFieldCount();
          cols = resolve(file, line, header ? r.getFields() : null, width);
          if (header) {
            continue;
          }
        }
        if (r.getFieldCount() != width) {
          throw new DataFormatException(
              file,
              line,
              "expected "
                  + width
                  + " fields separated by '"
                  + separator
                  + "', found "
                  + r.getFieldCount());
        }
        String u = id(file, line, r, cols[0], "user");
        String i = id(file, line, r, cols[1], "item");
        float v = cols[2] < 0 ? 1f : (float) number(file, line, r, cols[2], "rating");
        if (cols[3] >= 0) {
          double t = number(file, line, r, cols[3], "timestamp");
          b.add(users.add(u), items.add(i), v, (long) t);
        } else {
          b.add(users.add(u), items.add(i), v);
        }
        for (int c = 0; c < mapping.context().size(); c++) {
          String name = mapping.context().get(c);
          String value = r.getField(cols[4 + c]);
          b.context(
              name,
              value.isEmpty()
                  ? Vocabulary.MISSING
                  : vocabs.computeIfAbsent(name, k -> new Vocabulary()).add(value));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CsvParseException e) {
      throw new DataFormatException(file.toString(), 0, "CSV syntax: " + e.getMessage(), e);
    }
    if (b.size() == 0) {
      throw new DataFormatException(
          file,
          0,
          "no interactions: the file is empty" + (header ? " or holds only its header line" : ""));
    }
    return new Dataset(
        "csv:" + file.getFileName(), b.build(), null, null, null, null, List.of(), vocabs);
  }

  private int[] resolve(Path file, long line, List<String> names, int width) {
    List<String> refs = new ArrayList<>(List.of(mapping.user(), mapping.item()));
    refs.add(mapping.rating());
    refs.add(mapping.timestamp());
    refs.addAll(mapping.context());
    int[] cols = new int[refs.size()];
    for (int k = 0; k < refs.size(); k++) {
      String ref = refs.get(k);
      cols[k] = ref == null ? -1 : column(file, line, ref, names, width);
    }
    return cols;
  }

  private static int column(Path file, long line, String ref, List<String> names, int width) {
    if (names != null && names.contains(ref)) {
      return names.indexOf(ref);
    }
    try {
      int c = Integer.parseInt(ref);
      if (c >= 0 && c < width) {
        return c;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        file,
        line,
        "column '"
            + ref
            + "' not found; expected "
            + (names != null ? "one of " + names + " or " : "")
            + "a column number in [0, "
            + width
            + ")");
  }

  private static String id(Path file, long line, CsvRecord r, int col, String what) {
    String s = r.getField(col).strip();
    if (s.isEmpty()) {
      throw new DataFormatException(
          file, line, "column " + col + " (" + what + "): expected an id, found nothing");
    }
    return s;
  }

  private static double number(Path file, long line, CsvRecord r, int col, String what) {
    return Fields.number(file, line, "column", col, what, r.getField(col).strip());
  }
}
