package org.rec4j.data.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rec4j.data.Dataset;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.Interactions;

/**
 * Reads MovieLens 1M: {@code UserID::MovieID::Rating::Timestamp} lines (ISO-8859-1). Given a
 * folder, reads its {@code ratings.dat} (or {@code ratings_reconstructed.dat}); given a ratings
 * file of any name, reads it. Either way {@code users.dat} and {@code movies.dat} beside the
 * ratings file, when present, become user and item features (see {@link MovieLensFeatures}).
 *
 * <p>Timestamps equal to 0 are kept as 0 and counted in a note: the reconstructed ML-1M in the
 * shared data folder uses 0 for "unknown".
 */
public final class MovieLens1mReader {
  private MovieLens1mReader() {}

  /** Reads a ratings file or a folder holding one. */
  public static Dataset read(Path path) {
    Path ratings = DataFiles.fileOrFind(path, "ratings.dat", "ratings_reconstructed.dat");
    Interactions data = DelimitedRatingParser.readFile(ratings, "::", 4, 4, 0);
    Path usersFile = ratings.resolveSibling("users.dat");
    Path moviesFile = ratings.resolveSibling("movies.dat");
    FeatureTable userFeatures =
        MovieLensFeatures.exists(usersFile)
            ? MovieLensFeatures.users1m(usersFile, data.userIndex())
            : null;
    FeatureTable itemFeatures =
        MovieLensFeatures.exists(moviesFile)
            ? MovieLensFeatures.movies1m(moviesFile, data.itemIndex())
            : null;
    return new Dataset(
        "ml-1m:" + ratings.getFileName(),
        data,
        userFeatures,
        itemFeatures,
        null,
        null,
        zeroTimestampNotes(data));
  }

  /** A note when some timestamps are 0 (unknown). */
  static List<String> zeroTimestampNotes(Interactions data) {
    List<String> notes = new ArrayList<>();
    if (!data.hasTimestamps()) {
      return notes;
    }
    long zeros = 0;
    for (long t : data.timestampColumn()) {
      if (t == 0) {
        zeros++;
      }
    }
    if (zeros > 0) {
      notes.add(
          String.format(
              "%,d of %,d timestamps are 0 (unknown); do not use them for temporal splits",
              zeros, data.size()));
    }
    return notes;
  }
}
