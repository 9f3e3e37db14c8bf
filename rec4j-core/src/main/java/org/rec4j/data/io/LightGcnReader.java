package org.rec4j.data.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;

/**
 * Reads LightGCN / NGCF adjacency-list files: {@code user item item …} per line (spaces), implicit
 * feedback (value 1). A line with a user and no items is allowed (the user exists but has no
 * interaction in that file). Given a folder with {@code train.txt} and {@code test.txt}, the result
 * carries that split; given a file, just that file.
 */
public final class LightGcnReader {
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");

  private LightGcnReader() {}

  /** Reads a folder ({@code train.txt} + {@code test.txt}) or one file. */
  public static Dataset read(Path path) {
    return PredefinedSplit.folderOrFile(
        "lightgcn", path, "train.txt", "test.txt", LightGcnReader::readFile);
  }

  /** Reads one adjacency-list file into the given indexes. */
  public static Interactions readFile(Path file, IdIndex users, IdIndex items) {
    String text = DataFiles.decode(file, DataFiles.readBytes(file), StandardCharsets.UTF_8);
    List<String> lines = DataFiles.lines(text);
    InteractionsBuilder b = Interactions.builder(users, items);
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = SPACES.split(line);
      int u = users.add(number(file, k + 1, 1, f[0]));
      for (int j = 1; j < f.length; j++) {
        b.add(u, items.add(number(file, k + 1, j + 1, f[j])), 1f);
      }
    }
    return b.build();
  }

  private static long number(Path file, long line, int field, String s) {
    return Fields.id(file, line, "field", field, null, s);
  }
}
