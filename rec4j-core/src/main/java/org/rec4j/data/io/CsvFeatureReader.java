package org.rec4j.data.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.IdIndex;

/**
 * Reads user or item side features from a delimited file with a header: the {@code id} column names
 * the entity, and each {@link FeatureSpec} of the schema reads the column of the same name (any
 * kind: categorical, multi-categorical with its separator, numeric, text, or a dense vector written
 * as space-separated numbers in one field). Rows whose id is not in the index are skipped (the
 * interactions define the entities); entities without a row, and empty fields, are missing. A bad
 * numeric or vector value is reported with file and line.
 *
 * @param separator field separator
 * @param charset file encoding (decoded strictly)
 * @param idColumn header name of the id column
 * @param schema the features to read, named as in the header
 */
public record CsvFeatureReader(
    char separator, Charset charset, String idColumn, FeatureSchema schema) {

  /** Reads {@code file} into a table over {@code index}. */
  public FeatureTable read(Path file, IdIndex index) {
    String text = DataFiles.decode(file, DataFiles.readBytes(file), charset);
    FeatureTable.Builder b = FeatureTable.builder(schema, index.size());
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(separator)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .skipEmptyLines(true)
            .ofCsvRecord(text)) {
      int[] cols = null;
      int width = 0;
      for (CsvRecord r : csv) {
        long line = r.getStartingLineNumber();
        if (cols == null) {
          width = r.getFieldCount();
          cols = resolve(file, line, r.getFields());
          continue;
        }
        if (r.getFieldCount() != width) {
          throw new DataFormatException(
              file, line, "expected " + width + " fields, found " + r.getFieldCount());
        }
        int row = index.get(r.getField(cols[0]).strip());
        for (int f = 0; row >= 0 && f < schema.size(); f++) {
          String value = r.getField(cols[f + 1]).strip();
          check(file, line, cols[f + 1], schema.features().get(f), value);
          b.set(row, schema.features().get(f).name(), value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CsvParseException e) {
      throw new DataFormatException(file.toString(), 0, "CSV syntax: " + e.getMessage(), e);
    }
    return b.build();
  }

  private int[] resolve(Path file, long line, List<String> header) {
    int[] cols = new int[schema.size() + 1];
    for (int k = 0; k <= schema.size(); k++) {
      String name = k == 0 ? idColumn : schema.features().get(k - 1).name();
      cols[k] = header.indexOf(name);
      if (cols[k] < 0) {
        throw new DataFormatException(file, line, "column '" + name + "' not in header " + header);
      }
    }
    return cols;
  }

  /** Checks numbers here, where the line is known; the table builder would only know the row. */
  private static void check(Path file, long line, int col, FeatureSpec spec, String value) {
    if (value.isEmpty()) {
      return;
    }
    switch (spec.kind()) {
      case NUMERIC -> Fields.number(file, line, "column", col, spec.name(), value);
      case DENSE -> {
        String[] parts = value.split("[\\s,]+");
        if (parts.length != spec.dim()) {
          throw new DataFormatException(
              file,
              line,
              "column "
                  + col
                  + " ("
                  + spec.name()
                  + "): expected "
                  + spec.dim()
                  + " values, found "
                  + parts.length);
        }
        for (int k = 0; k < parts.length; k++) {
          Fields.number(file, line, "value", k + 1, spec.name(), parts[k]);
        }
      }
      default -> {}
    }
  }
}
