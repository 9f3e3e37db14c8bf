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
import org.rec4j.data.split.PredefinedSplit;

/**
 * Reads libFM / libSVM files: {@code label feature:value feature:value …} per line (spaces), feature ids
 * non-negative integers. {@link #readSparse} gives the raw sparse matrix for factorization machines.
 *
 * <p>{@link #read} also views the file as interactions using the convention of the NFM/AFN Frappe and MovieLens
 * libFM files: the first feature of a line is the user, the second the item, the label is the value, and the
 * remaining features become context columns {@code ctx1, ctx2, …} holding the feature id. A line with fewer than two
 * features is an error in that view. Given a folder, {@code *.train.libfm}, {@code *.validation.libfm} and
 * {@code *.test.libfm} are read as a predefined split; when the train file is missing (as for the shared Frappe
 * copy) validation is used as train and a note says so.
 */
public final class LibFmReader {
  private LibFmReader() {}

  /** Reads one libFM file as a sparse matrix. */
  public static LibFmData readSparse(Path file) {
    byte[] d = DataFiles.readBytes(file);
    float[] labels = new float[1024];
    int[] offsets = new int[1025];
    int[] feats = new int[8192];
    float[] vals = new float[8192];
    int rows = 0;
    int nnz = 0;
    int maxFeature = -1;
    String name = file.toString();
    long line = 0;
    for (String s : DataFiles.lines(new String(d, java.nio.charset.StandardCharsets.ISO_8859_1))) {
      line++;
      if (s.isBlank()) {
        continue;
      }
      String[] f = s.strip().split("[ \t]+");
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, rows * 2);
        offsets = Arrays.copyOf(offsets, rows * 2 + 1);
      }
      labels[rows] = (float) number(file, line, 1, "label", f[0]);
      for (int j = 1; j < f.length; j++) {
        int colon = f[j].indexOf(':');
        if (colon <= 0) {
          throw new DataFormatException(name, line, "field " + (j + 1) + ": expected feature:value, found \""
              + f[j] + "\"", null);
        }
        double id = number(file, line, j + 1, "feature id", f[j].substring(0, colon));
        if (id < 0 || id != Math.rint(id) || id > Integer.MAX_VALUE) {
          throw new DataFormatException(name, line, "field " + (j + 1) + ": expected a non-negative integer "
              + "feature id, found \"" + f[j] + "\"", null);
        }
        if (nnz == feats.length) {
          feats = Arrays.copyOf(feats, nnz * 2);
          vals = Arrays.copyOf(vals, nnz * 2);
        }
        feats[nnz] = (int) id;
        vals[nnz] = (float) number(file, line, j + 1, "value", f[j].substring(colon + 1));
        maxFeature = Math.max(maxFeature, feats[nnz]);
        nnz++;
      }
      rows++;
      offsets[rows] = nnz;
    }
    return new LibFmData(Arrays.copyOf(labels, rows), Arrays.copyOf(offsets, rows + 1), Arrays.copyOf(feats, nnz),
        Arrays.copyOf(vals, nnz), maxFeature);
  }

  /** Reads a file or a folder of train/validation/test files as interactions (see the class comment). */
  public static Dataset read(Path path) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    if (!Files.isDirectory(path)) {
      return Dataset.of("libfm:" + path.getFileName(), toInteractions(path, readSparse(path), users, items));
    }
    Path train = DataFiles.findSuffix(path, ".train.libfm");
    Path validation = DataFiles.findSuffix(path, ".validation.libfm");
    Path test = DataFiles.findSuffix(path, ".test.libfm");
    if (test == null || (train == null && validation == null)) {
      throw new DataFormatException(path, 0, "expected *.test.libfm and *.train.libfm or *.validation.libfm");
    }
    List<String> notes = new ArrayList<>();
    if (train == null) {
      train = validation;
      validation = null;
      notes.add("no *.train.libfm: " + train.getFileName() + " is used as train, validation is empty");
    }
    Interactions tr = toInteractions(train, readSparse(train), users, items);
    Interactions va = validation == null ? tr.subset(new int[0])
        : toInteractions(validation, readSparse(validation), users, items);
    Interactions te = toInteractions(test, readSparse(test), users, items);
    Split split = new Split(tr, va, te);
    return new Dataset("libfm:" + path.getFileName(), PredefinedSplit.union(split), null, null, split, null, notes);
  }

  /** The interaction view of {@code data} (first feature = user, second = item, rest = context). */
  public static Interactions toInteractions(Path file, LibFmData data, IdIndex users, IdIndex items) {
    InteractionsBuilder b = Interactions.builder(users, items).reserve(data.size());
    for (int r = 0; r < data.size(); r++) {
      if (data.length(r) < 2) {
        throw new DataFormatException(file, 0, "instance " + (r + 1) + ": expected at least 2 features (user, item),"
            + " found " + data.length(r));
      }
      int o = data.offsets()[r];
      b.add(users.add(data.features()[o]), items.add(data.features()[o + 1]), data.labels()[r]);
      for (int k = o + 2; k < data.offsets()[r + 1]; k++) {
        b.context("ctx" + (k - o - 1), data.features()[k]);
      }
    }
    return b.build();
  }

  private static double number(Path file, long line, int field, String what, String s) {
    return Fields.number(file, line, "field " + field + " (" + what + ")", s);
  }

}
