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
}
