package org.rec4j.data.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;

/**
 * Reads the NCF (He et al., WWW 2017) files: {@code NAME.train.rating} and {@code NAME.test.rating}
 * ({@code user TAB item TAB rating [TAB timestamp]}) and, when present, {@code NAME.test.negative}
 * ({@code (user,item) TAB neg TAB neg …}, one line per test row, in the same order). The result
 * carries the train/test split and, as candidates, each test row's negatives (dense item ids); the
 * negatives' {@code (u,i)} must match the test row on the same line.
 *
 * <p>{@code path} is the folder holding the three files (exactly one of each suffix) or any one of
 * them.
 */
public final class NcfReader {
  private NcfReader() {}

  /** Reads the NCF files in (or beside) {@code path}. */
  public static Dataset read(Path path) {
    Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    Path train = DataFiles.findSuffix(dir, ".train.rating");
    Path test = DataFiles.findSuffix(dir, ".test.rating");
    if (train == null || test == null) {
      throw new DataFormatException(
          dir, 0, "expected NAME.train.rating and NAME.test.rating in this folder");
    }
    Split split = PredefinedSplit.read(train, test, "\t", 4);
    Path neg = DataFiles.findSuffix(dir, ".test.negative");
    int[][] candidates = neg == null ? null : readNegatives(neg, split.test());
    Interactions all = PredefinedSplit.union(split);
    List<String> notes = new ArrayList<>(MovieLens1mReader.zeroTimestampNotes(all));
    if (neg == null) {
      notes.add("no .test.negative file: evaluation candidates must be sampled");
    }
    String name = train.getFileName().toString().replace(".train.rating", "");
    return new Dataset("ncf:" + name, all, null, null, split, candidates, notes);
  }

  /** Reads a {@code .test.negative} file aligned with {@code test}. */
  public static int[][] readNegatives(Path file, Interactions test) {
    List<String> lines =
        DataFiles.lines(DataFiles.decode(file, DataFiles.readBytes(file), StandardCharsets.UTF_8));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.size() != test.size()) {
      throw new DataFormatException(
          file, 0, "expected " + test.size() + " lines (one per test row), found " + lines.size());
    }
    IdIndex users = test.userIndex();
    IdIndex items = test.itemIndex();
    int[][] out = new int[lines.size()][];
    for (int k = 0; k < lines.size(); k++) {
      String[] f = lines.get(k).split("\t");
      String head = f[0];
      if (!head.startsWith("(") || !head.endsWith(")") || head.indexOf(',') < 0) {
        throw new DataFormatException(
            file, k + 1, "field 1: expected (user,item), found \"" + head + "\"");
      }
      String[] ui = head.substring(1, head.length() - 1).split(",");
      String u = ui[0].trim();
      String i = ui.length > 1 ? ui[1].trim() : "";
      if (!u.equals(users.raw(test.user(k))) || !i.equals(items.raw(test.item(k)))) {
        throw new DataFormatException(
            file,
            k + 1,
            "expected ("
                + users.raw(test.user(k))
                + ","
                + items.raw(test.item(k))
                + ") to match test row "
                + (k + 1)
                + ", found "
                + head);
      }
      out[k] = new int[f.length - 1];
      for (int j = 1; j < f.length; j++) {
        long raw = MovieLensFeatures.parseId(file, k + 1, f[j]);
        out[k][j - 1] = items.add(raw);
      }
    }
    return out;
  }
}
