package org.rec4j.data.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;
import org.rec4j.data.io.DataSpec;

/**
 * Downloads catalog data sets into a cache folder ({@code ~/.rec4j/datasets} by default), verifies
 * them and unpacks them, then loads them with the right reader.
 *
 * <p>{@link #fetch}: if {@code CACHE/NAME/.complete} exists, nothing is downloaded. Otherwise the
 * archive is streamed to a temporary file while its SHA-256 is computed; a mismatch with the
 * expected hash (the caller's, else the catalog's) deletes it and throws a {@link
 * DataFormatException}; with no expected hash the computed one is printed as unverified. The zip is
 * unpacked into a temporary folder (entries escaping it are refused), which is then moved into
 * place, so an interrupted fetch never leaves a half-unpacked data set.
 */
public final class DatasetFetcher {
  private final Path cache;
  private final HttpClient http;
  private final PrintWriter log;

  /** A fetcher caching into {@code cache}, reporting progress to {@code log}. */
  public DatasetFetcher(Path cache, PrintWriter log) {
    this.cache = cache;
    this.log = log;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
  }

  /** The default cache folder, {@code ~/.rec4j/datasets}. */
  public static Path defaultCache() {
    return Path.of(System.getProperty("user.home"), ".rec4j", "datasets");
  }

  /**
   * Makes {@code entry} available in the cache and returns the folder holding its files. {@code
   * url} and {@code sha256} override the catalog's (either may be null).
   */
  public Path fetch(CatalogEntry entry, URI url, String sha256) {
    Path target = cache.resolve(entry.name());
    if (Files.exists(target.resolve(".complete"))) {
      log.println(entry.name() + ": already in " + target);
      return dataFolder(target);
    }
    String expected = sha256 != null ? sha256.toLowerCase(java.util.Locale.ROOT) : entry.sha256();
    URI source = url != null ? url : entry.url();
    try {
      Files.createDirectories(cache);
      Path zip = Files.createTempFile(cache, entry.name(), ".zip.part");
      try {
        String actual = download(source, zip);
        if (expected != null && !expected.equals(actual)) {
          throw new DataFormatException(
              source.toString(),
              0,
              "SHA-256 mismatch: expected " + expected + ", got " + actual,
              null);
        }
        log.println(
            entry.name()
                + ": sha256 "
                + actual
                + (expected == null
                    ? " (unverified: no published checksum recorded; pass --sha256 to pin it)"
                    : " (verified)"));
        Path tmp = Files.createTempDirectory(cache, entry.name() + ".unpack");
        unzip(zip, tmp);
        Files.writeString(tmp.resolve(".complete"), actual + "\n");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(zip);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "fetch " + entry.name() + " from " + source + ": " + e.getMessage(), e);
    }
    log.println(entry.name() + ": unpacked into " + target);
    return dataFolder(target);
  }

  /**
   * Loads {@code entry} from {@code folder} if non-null, else from the cache (which must hold it).
   */
  public Dataset load(CatalogEntry entry, Path folder) {
    Path dir = folder != null ? folder : cache.resolve(entry.name());
    if (folder == null && !Files.exists(dir.resolve(".complete"))) {
      throw new DataFormatException(
          dir,
          0,
          entry.name() + " is not in the cache; run 'rec4j data fetch " + entry.name() + "' first");
    }
    return new DataSpec(entry.format(), dataFolder(dir).toString(), java.util.Map.of()).load();
  }

  private String download(URI source, Path to) throws IOException {
    MessageDigest sha = sha256();
    try {
      HttpResponse<InputStream> resp =
          http.send(
              HttpRequest.newBuilder(source).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        resp.body().close();
        throw new IOException("HTTP " + resp.statusCode());
      }
      try (InputStream in = resp.body();
          OutputStream out = Files.newOutputStream(to)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void unzip(Path zip, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        Path p = root.resolve(e.getName()).normalize();
        if (!p.startsWith(root)) {
          throw new DataFormatException(
              zip.toString(), 0, "zip entry escapes the target folder: " + e.getName(), null);
        }
        if (e.isDirectory()) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw new DataFormatException(
          zip.toString(), 0, "not a valid zip archive: " + ex.getMessage(), ex);
    }
  }

  /** The archive's single top folder if it has one (GroupLens zips do), else the folder itself. */
  static Path dataFolder(Path dir) {
    try (var s = Files.list(dir)) {
      List<Path> children = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
      return children.size() == 1 && Files.isDirectory(children.get(0)) ? children.get(0) : dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
