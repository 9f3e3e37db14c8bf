package org.rec4j.data.catalog;

import java.net.URI;
import java.util.Objects;
import org.rec4j.data.io.DataSpec;

/**
 * One downloadable data set.
 *
 * @param name catalog name, e.g. {@code ml-100k}
 * @param url official download URL of the zip archive
 * @param format reader for the unpacked folder
 * @param sha256 expected SHA-256 of the archive (lower-case hex), or null when no checksum is
 *     recorded: the download is then unverified and {@link DatasetFetcher} prints the computed hash
 *     so it can be pinned
 * @param description one line for listings
 */
public record CatalogEntry(
    String name, URI url, DataSpec.Format format, String sha256, String description) {

  /** Validates the fields. */
  public CatalogEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
    if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 of " + name + " must be 64 lower-case hex digits, got " + sha256);
    }
  }

  /** Whether a checksum is recorded. */
  public boolean verified() {
    return sha256 != null;
  }
}
