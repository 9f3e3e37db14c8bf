package org.rec4j.data.io;

import java.nio.file.Path;
import java.util.List;
import org.rec4j.data.Dataset;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;

/**
 * Reads MovieLens 100K: {@code u.data} ({@code user TAB item TAB rating TAB timestamp}) plus {@code
 * u.item} and {@code u.user} as features when present. Given a file instead of a folder, reads that
 * file in the same format (e.g. {@code u1.base}) and looks for the feature files beside it. {@link
 * #fold} reads one of the official {@code u1..u5}/{@code ua}/{@code ub} base/test pairs as a
 * predefined split.
 */
public final class MovieLens100kReader {
  private MovieLens100kReader() {}

  /** Reads {@code u.data} in a folder, or the given ratings file. */
  public static Dataset read(Path path) {
    Path ratings = DataFiles.fileOrFind(path, "u.data");
    Interactions data = DelimitedRatingParser.readFile(ratings, "\t", 4, 4, 0);
    return withFeatures(
        "ml-100k:" + ratings.getFileName(), ratings.toAbsolutePath().getParent(), data, null);
  }

  /**
   * Reads fold {@code name} ({@code "u1"}..{@code "u5"}, {@code "ua"}, {@code "ub"}) of the folder
   * {@code dir}: the interactions are base + test, and the split is exactly the two files.
   */
  public static Dataset fold(Path dir, String name) {
    if (!name.matches("u[1-5ab]")) {
      throw new IllegalArgumentException("ML-100K fold must be one of u1..u5, ua, ub; got " + name);
    }
    Split split =
        PredefinedSplit.read(dir.resolve(name + ".base"), dir.resolve(name + ".test"), "\t", 4);
    return withFeatures("ml-100k:" + name, dir, PredefinedSplit.union(split), split);
  }

  private static Dataset withFeatures(String name, Path dir, Interactions data, Split split) {
    Path itemFile = dir.resolve("u.item");
    Path userFile = dir.resolve("u.user");
    FeatureTable items =
        MovieLensFeatures.exists(itemFile)
            ? MovieLensFeatures.items100k(itemFile, data.itemIndex())
            : null;
    FeatureTable users =
        MovieLensFeatures.exists(userFile)
            ? MovieLensFeatures.users100k(userFile, data.userIndex())
            : null;
    return new Dataset(name, data, users, items, split, null, List.of());
  }
}
