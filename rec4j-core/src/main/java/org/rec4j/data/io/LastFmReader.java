package org.rec4j.data.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;

/**
 * Reads the Last.fm (HetRec 2011) files of the LightGCN-PyTorch repository: {@code
 * user<TAB>item<TAB>x} per line (CRLF accepted), implicit feedback (value 1); the third column is
 * not used, as in the published loader. Given a folder with {@code data1.txt} (train) and {@code
 * test1.txt} (test), the result carries that split; given a file, just that file. The social graph
 * {@code trustnetwork.txt} is side information and is not read.
 */
public final class LastFmReader {
  private LastFmReader() {}

  /** Reads a folder ({@code data1.txt} + {@code test1.txt}) or one file. */
  public static Dataset read(Path path) {
    return PredefinedSplit.folderOrFile(
        "lastfm", path, "data1.txt", "test1.txt", LastFmReader::readFile);
  }

  /** Reads one {@code user<TAB>item[<TAB>x]} file into the given indexes. */
  public static Interactions readFile(Path file, IdIndex users, IdIndex items) {
    List<String> lines =
        DataFiles.lines(DataFiles.decode(file, DataFiles.readBytes(file), StandardCharsets.UTF_8));
    InteractionsBuilder b = Interactions.builder(users, items).reserve(lines.size());
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      if (line.isBlank()) continue;
      String[] f = line.split("\t", -1);
      if (f.length < 2 || f.length > 3) {
        throw new DataFormatException(
            file,
            k + 1,
            "expected 2 or 3 tab-separated fields (user, item[, x]), found " + f.length);
      }
      int u = users.add(Fields.id(file, k + 1, "field", 1, "user", f[0].strip()));
      b.add(u, items.add(Fields.id(file, k + 1, "field", 2, "item", f[1].strip())), 1f);
    }
    return b.build();
  }
}
