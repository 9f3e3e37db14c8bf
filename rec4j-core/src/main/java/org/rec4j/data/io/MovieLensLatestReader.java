package org.rec4j.data.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.Interactions;

/**
 * Reads MovieLens latest / latest-small / 20M / 25M: {@code ratings.csv} with header {@code
 * userId,movieId,rating,timestamp} (half-star ratings), plus {@code movies.csv} and {@code
 * tags.csv} beside it as item features (title, genres, year, tags). Ratings use the byte-level
 * parser (ids and numbers never need CSV quoting); the feature files go through FastCSV with strict
 * UTF-8 decoding (titles are quoted).
 */
public final class MovieLensLatestReader {
  static final String HEADER = "userId,movieId,rating,timestamp";

  private MovieLensLatestReader() {}

  /** Reads {@code ratings.csv} in a folder, or the given ratings file. */
  public static Dataset read(Path path) {
    Path ratings = DataFiles.fileOrFind(path, "ratings.csv");
    checkHeader(ratings);
    Interactions data = DelimitedRatingParser.readFile(ratings, ",", 4, 4, 1);
    Path movies = ratings.resolveSibling("movies.csv");
    Path tags = ratings.resolveSibling("tags.csv");
    FeatureTable itemFeatures =
        MovieLensFeatures.exists(movies)
            ? MovieLensFeatures.moviesCsv(
                movies, MovieLensFeatures.exists(tags) ? tags : null, data.itemIndex())
            : null;
    return new Dataset(
        "ml-latest:" + ratings.getFileName(),
        data,
        null,
        itemFeatures,
        null,
        null,
        MovieLens1mReader.zeroTimestampNotes(data));
  }

  private static void checkHeader(Path ratings) {
    try (var lines = Files.lines(ratings)) {
      String first = lines.findFirst().orElse("").replace("\uFEFF", "").strip();
      if (!first.equals(HEADER)) {
        throw new DataFormatException(
            ratings, 1, "expected header " + HEADER + ", found \"" + first + "\"");
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new DataFormatException(
          ratings.toString(), 1, "cannot read header: " + e.getMessage(), e);
    }
  }
}
