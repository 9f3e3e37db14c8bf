package org.rec4j.data.catalog;

import java.net.URI;
import java.util.List;
import org.rec4j.data.io.DataSpec;

/**
 * The data sets rec4j knows how to download, by name.
 *
 * <p><b>Checksums, honestly:</b> GroupLens publishes an MD5 beside each archive, but this project
 * was built without network access to the GroupLens site and nobody here could confirm the
 * published values, so no checksum is recorded: every entry is <em>unverified</em>. {@link
 * DatasetFetcher} prints the SHA-256 it computed and accepts an expected hash ({@code --sha256}) to
 * pin a download. When someone verifies the archives, record the SHA-256 here.
 */
public final class DatasetCatalog {
  private static final String GROUPLENS = "https://files.grouplens.org/datasets/movielens/";

  private static final List<CatalogEntry> ENTRIES =
      List.of(
          new CatalogEntry(
              "ml-100k",
              URI.create(GROUPLENS + "ml-100k.zip"),
              DataSpec.Format.ML_100K,
              null,
              "MovieLens 100K: 100,000 ratings, 943 users, 1,682 movies"),
          new CatalogEntry(
              "ml-1m",
              URI.create(GROUPLENS + "ml-1m.zip"),
              DataSpec.Format.ML_1M,
              null,
              "MovieLens 1M: 1,000,209 ratings, 6,040 users, 3,706 rated movies"),
          new CatalogEntry(
              "ml-latest-small",
              URI.create(GROUPLENS + "ml-latest-small.zip"),
              DataSpec.Format.ML_LATEST,
              null,
              "MovieLens latest-small: 100,836 ratings, 610 users, 9,724 rated movies"));

  private DatasetCatalog() {}

  /** All entries. */
  public static List<CatalogEntry> entries() {
    return ENTRIES;
  }

  /** The entry named {@code name}; throws listing the known names. */
  public static CatalogEntry get(String name) {
    for (CatalogEntry e : ENTRIES) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown data set '"
            + name
            + "'; expected one of "
            + ENTRIES.stream().map(CatalogEntry::name).toList());
  }
}
