package org.rec4j.data.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.IdIndex;

/**
 * Reads precomputed dense vectors (image, audio or text embeddings) as a one-column {@link
 * FeatureTable}: one line per entity, {@code rawId v1 v2 … vd}, separated by spaces, tabs or
 * commas. Every line must have the same dimension; ids unknown to the index are skipped (the
 * interactions define the entities); entities without a line are missing.
 */
public final class DenseVectorReader {
  private DenseVectorReader() {}

  /** Reads {@code file} into a table with dense feature {@code name} over {@code index}. */
  public static FeatureTable read(Path file, String name, IdIndex index) {
    List<String> lines =
        DataFiles.lines(DataFiles.decode(file, DataFiles.readBytes(file), StandardCharsets.UTF_8));
    int dim = -1;
    String[][] rows = new String[lines.size()][];
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("[\\s,]+");
      if (dim < 0) {
        dim = f.length - 1;
      }
      if (f.length - 1 != dim || dim < 1) {
        throw new DataFormatException(
            file,
            k + 1,
            "expected an id and "
                + Math.max(dim, 1)
                + " values, found "
                + (f.length - 1)
                + " values");
      }
      for (int j = 1; j < f.length; j++) {
        Fields.number(file, k + 1, "value", j, null, f[j]);
      }
      rows[k] = f;
    }
    if (dim < 1) {
      throw new DataFormatException(file, 0, "no vectors in file");
    }
    FeatureTable.Builder b =
        FeatureTable.builder(FeatureSchema.of(FeatureSpec.dense(name, dim)), index.size());
    for (String[] f : rows) {
      if (f == null) {
        continue;
      }
      int row = index.get(f[0]);
      if (row >= 0) {
        b.set(row, name, String.join(" ", java.util.Arrays.copyOfRange(f, 1, f.length)));
      }
    }
    return b.build();
  }
}
