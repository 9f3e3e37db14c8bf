package org.rec4j.data.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.Split;

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
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    if (Files.isDirectory(path)) {
      Interactions train = readFile(DataFiles.find(path, "data1.txt"), users, items);
      Interactions test = readFile(DataFiles.find(path, "test1.txt"), users, items);
      Split split = Split.of(train, test);
      return new Dataset(
          "lastfm:" + path.getFileName(),
          PredefinedSplit.union(split),
          null,
          null,
          split,
          null,
          List.of());
    }
    return Dataset.of("lastfm:" + path.getFileName(), readFile(path, users, items));
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
