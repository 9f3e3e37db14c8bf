package org.rec4j.data.io;

import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;

/**
 * Reads SASRec (Kang &amp; McAuley, ICDM 2018) sequence files: {@code user item} per line (one space), each user's
 * lines in chronological order. The file has no timestamps, so each row gets its 1-based line number as timestamp:
 * time order is file order, and leave-one-out by time takes each user's last line (SASRec's protocol). Values are 1.
 */
public final class SasRecReader {
  private SasRecReader() {}

  /** Reads the sequence file {@code file}. */
  public static Dataset read(Path file) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    Interactions raw = DelimitedRatingParser.readFile(file, " ", 2, 2, 0, users, items);
    InteractionsBuilder b = Interactions.builder(users, items).reserve(raw.size());
    for (int r = 0; r < raw.size(); r++) {
      b.add(raw.user(r), raw.item(r), 1f, r + 1L);
    }
    return new Dataset("sasrec:" + file.getFileName(), b.build(), null, null, null, null,
        List.of("timestamps are line numbers (the file is chronological per user)"));
  }
}
