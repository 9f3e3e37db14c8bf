package org.rec4j.data.io;

import java.nio.file.Path;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.Split;

/**
 * A split given by files (MovieLens {@code u1.base}/{@code u1.test}, NCF train/test): both files
 * are read into one shared id index, train first, so a user or item first seen in test still gets a
 * dense id.
 */
final class PredefinedSplit {
  private PredefinedSplit() {}

  /** Reads train and test rating files with the given separator and 3..{@code maxFields} fields. */
  static Split read(Path train, Path test, String separator, int maxFields) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    Interactions tr =
        DelimitedRatingParser.readFile(train, separator, 3, maxFields, 0, users, items);
    Interactions te =
        DelimitedRatingParser.readFile(test, separator, 3, maxFields, 0, users, items);
    return Split.of(tr, te);
  }

  /**
   * All interactions of the split (train, then validation, then test) in one table with the same
   * indexes.
   */
  static Interactions union(Split split) {
    Interactions[] parts = {split.train(), split.validation(), split.test()};
    InteractionsBuilder b =
        Interactions.builder(split.train().userIndex(), split.train().itemIndex());
    boolean ts = split.train().hasTimestamps() || split.test().hasTimestamps();
    for (Interactions p : parts) {
      for (int r = 0; r < p.size(); r++) {
        if (ts) {
          b.add(p.user(r), p.item(r), p.value(r), p.timestamp(r));
        } else {
          b.add(p.user(r), p.item(r), p.value(r));
        }
      }
    }
    return b.build();
  }

  /** Reads one file of interactions into the given id indexes. */
  interface FileReader {
    Interactions read(Path file, IdIndex users, IdIndex items);
  }

  /**
   * A folder holding {@code trainFile} and {@code testFile} becomes a dataset carrying that split
   * (both read into one id index pair, train first); a single file becomes a dataset without a
   * split. Named {@code format:NAME}.
   */
  static org.rec4j.data.Dataset folderOrFile(
      String format, Path path, String trainFile, String testFile, FileReader reader) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    String name = format + ":" + path.getFileName();
    if (java.nio.file.Files.isDirectory(path)) {
      Interactions train = reader.read(DataFiles.find(path, trainFile), users, items);
      Interactions test = reader.read(DataFiles.find(path, testFile), users, items);
      Split split = Split.of(train, test);
      return new org.rec4j.data.Dataset(
          name, union(split), null, null, split, null, java.util.List.of());
    }
    return org.rec4j.data.Dataset.of(name, reader.read(path, users, items));
  }
}
