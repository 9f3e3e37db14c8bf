package org.rec4j.data.io;

import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;

/**
 * Reads SASRec (Kang &amp; McAuley, ICDM 2018) sequence files: {@code user item} per line (one
 * space), each user's lines in chronological order. The file has no timestamps and none are
 * invented: rows keep file order, and every time-ordered view breaks ties by row order, so {@link
 * org.rec4j.data.UserSequences} follows the file and leave-one-out by time takes each user's last
 * line (SASRec's protocol). Values are 1.
 */
public final class SasRecReader {
  private SasRecReader() {}

  /** Reads the sequence file {@code file}. */
  public static Dataset read(Path file) {
    Interactions data = DelimitedRatingParser.readFile(file, " ", 2, 2, 0);
    return new Dataset(
        "sasrec:" + file.getFileName(),
        data,
        null,
        null,
        null,
        null,
        List.of("no timestamps: the file order of each user's lines is their time order"));
  }
}
