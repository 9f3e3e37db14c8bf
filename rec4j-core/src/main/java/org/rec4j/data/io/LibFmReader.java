package org.rec4j.data.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.Split;

/**
 * Reads libFM / libSVM files: {@code label feature:value feature:value …} per line (spaces),
 * feature ids non-negative integers. {@link #readSparse} gives the raw sparse matrix for
 * factorization machines.
 *
 * <p>{@link #read} also views the file as interactions using the convention of the NFM/AFN Frappe
 * and MovieLens libFM files: the first feature of a line is the user, the second the item, the
 * label is the value, and the remaining features become context columns {@code ctx1, ctx2, …}
 * holding the feature id. A line with fewer than two features is an error in that view. Given a
 * folder, {@code *.train.libfm}, {@code *.validation.libfm} and {@code *.test.libfm} are read as a
 * predefined split; when the train file is missing (as for the shared Frappe copy) validation is
 * used as train and a note says so.
 */
public final class LibFmReader {
  private LibFmReader() {}

  /** Reads one libFM file as a sparse matrix. */
  public static LibFmData readSparse(Path file) {
    byte[] d = DataFiles.readBytes(file);
    Accumulator acc = new Accumulator(file);
    long line = 0;
    for (String s : DataFiles.lines(new String(d, java.nio.charset.StandardCharsets.ISO_8859_1))) {
      line++;
      if (!s.isBlank()) {
        acc.line(s, line);
      }
    }
    return acc.result();
  }

  /**
   * Growable sparse rows; one small method per line and per token so the JIT compiles them early.
   */
  private static final class Accumulator {
    private final Path file;
    private float[] labels = new float[1024];
    private int[] offsets = new int[1025];
    private int[] feats = new int[8192];
    private float[] vals = new float[8192];
    private int rows;
    private int nnz;
    private int maxFeature = -1;

    Accumulator(Path file) {
      this.file = file;
    }

    void line(String s, long line) {
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, rows * 2);
        offsets = Arrays.copyOf(offsets, rows * 2 + 1);
      }
      int n = s.length();
      int p = 0;
      int field = 0;
      while (p < n) {
        while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
          p++;
        }
        int start = p;
        while (p < n && s.charAt(p) != ' ' && s.charAt(p) != '\t') {
          p++;
        }
        if (p > start) {
          field++;
          if (field == 1) {
            labels[rows] = (float) number(file, line, 1, "label", s.substring(start, p));
          } else {
            token(s, start, p, field, line);
          }
        }
      }
      rows++;
      offsets[rows] = nnz;
    }

    private void token(String s, int from, int to, int field, long line) {
      int colon = s.indexOf(':', from);
      long id = 0;
      for (int k = from; k < colon && colon < to && id <= Integer.MAX_VALUE; k++) {
        char c = s.charAt(k);
        id = c >= '0' && c <= '9' ? id * 10 + (c - '0') : Long.MAX_VALUE;
      }
      if (colon <= from || colon >= to || id > Integer.MAX_VALUE) {
        throw new DataFormatException(
            file,
            line,
            "field "
                + field
                + ": expected feature:value with a feature id "
                + "in [0, "
                + Integer.MAX_VALUE
                + "], found \""
                + s.substring(from, to)
                + "\"");
      }
      if (nnz == feats.length) {
        feats = Arrays.copyOf(feats, nnz * 2);
        vals = Arrays.copyOf(vals, nnz * 2);
      }
      feats[nnz] = (int) id;
      boolean one = to - colon == 2 && s.charAt(colon + 1) == '1';
      vals[nnz] = one ? 1f : (float) number(file, line, field, "value", s.substring(colon + 1, to));
      maxFeature = Math.max(maxFeature, (int) id);
      nnz++;
    }

    LibFmData result() {
      return new LibFmData(
          Arrays.copyOf(labels, rows),
          Arrays.copyOf(offsets, rows + 1),
          Arrays.copyOf(feats, nnz),
          Arrays.copyOf(vals, nnz),
          maxFeature);
    }
  }

  /**
   * Reads a file or a folder of train/validation/test files as interactions (see the class
   * comment).
   */
  public static Dataset read(Path path) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    if (!Files.isDirectory(path)) {
      return Dataset.of(
          "libfm:" + path.getFileName(), toInteractions(path, readSparse(path), users, items));
    }
    Path train = DataFiles.findSuffix(path, ".train.libfm");
    Path validation = DataFiles.findSuffix(path, ".validation.libfm");
    Path test = DataFiles.findSuffix(path, ".test.libfm");
    if (test == null || (train == null && validation == null)) {
      throw new DataFormatException(
          path, 0, "expected *.test.libfm and *.train.libfm or *.validation.libfm");
    }
    List<String> notes = new ArrayList<>();
    if (train == null) {
      train = validation;
      validation = null;
      notes.add(
          "no *.train.libfm: " + train.getFileName() + " is used as train, validation is empty");
    }
    Interactions tr = toInteractions(train, readSparse(train), users, items);
    Interactions va =
        validation == null
            ? tr.subset(new int[0])
            : toInteractions(validation, readSparse(validation), users, items);
    Interactions te = toInteractions(test, readSparse(test), users, items);
    Split split = new Split(tr, va, te);
    return new Dataset(
        "libfm:" + path.getFileName(),
        PredefinedSplit.union(split),
        null,
        null,
        split,
        null,
        notes);
  }

  /** The interaction view of {@code data} (first feature = user, second = item, rest = context). */
  public static Interactions toInteractions(
      Path file, LibFmData data, IdIndex users, IdIndex items) {
    InteractionsBuilder b = Interactions.builder(users, items).reserve(data.size());
    List<String> names = new ArrayList<>();
    for (int r = 0; r < data.size(); r++) {
      if (data.length(r) < 2) {
        throw new DataFormatException(
            file,
            0,
            "instance "
                + (r + 1)
                + ": expected at least 2 features (user, item),"
                + " found "
                + data.length(r));
      }
      int o = data.offsets()[r];
      b.add(users.add(data.features()[o]), items.add(data.features()[o + 1]), data.labels()[r]);
      for (int k = o + 2; k < data.offsets()[r + 1]; k++) {
        while (names.size() <= k - o - 2) {
          names.add("ctx" + (names.size() + 1));
        }
        b.context(names.get(k - o - 2), data.features()[k]);
      }
    }
    return b.build();
  }

  private static double number(Path file, long line, int field, String what, String s) {
    return Fields.number(file, line, "field", field, what, s);
  }
}
