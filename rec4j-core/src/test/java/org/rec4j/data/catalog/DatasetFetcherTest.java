package org.rec4j.data.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.DataFormatException;
import org.rec4j.data.Dataset;

/** Fetches a fixture ml-100k zip from a loopback HTTP server on a random port. */
class DatasetFetcherTest {
  @TempDir Path cache;
  private HttpServer server;
  private byte[] zip;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void serve() throws IOException {
    zip =
        zip(
            "ml-100k/u.data",
            "1\t1\t5\t874965758\n2\t1\t3\t876893171\n1\t2\t4\t878542960\n",
            "../evil.txt",
            null);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ml-100k.zip",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(200, zip.length);
          ex.getResponseBody().write(zip);
          ex.close();
        });
    server.createContext(
        "/evil.zip",
        ex -> {
          byte[] evil = zip("../evil.txt", "x", null, null);
          ex.sendResponseHeaders(200, evil.length);
          ex.getResponseBody().write(evil);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void fetchVerifiesUnpacksCachesAndLoads() throws Exception {
    StringWriter log = new StringWriter();
    DatasetFetcher f = new DatasetFetcher(cache, new PrintWriter(log, true));
    CatalogEntry entry = DatasetCatalog.get("ml-100k");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
    Path folder = f.fetch(entry, url("/ml-100k.zip"), sha.toUpperCase());
    assertEquals(cache.resolve("ml-100k").resolve("ml-100k"), folder);
    assertTrue(log.toString().contains(sha + " (verified)"), log.toString());
    f.fetch(entry, url("/ml-100k.zip"), null);
    assertEquals(1, requests.get(), "second fetch must come from the cache");
    Dataset d = f.load(entry, null);
    assertEquals(3, d.interactions().size());
    assertEquals(3, f.load(entry, folder).interactions().size());
  }

  @Test
  void unverifiedFetchPrintsTheHashAndMismatchFailsCleanly() {
    StringWriter log = new StringWriter();
    DatasetFetcher f = new DatasetFetcher(cache, new PrintWriter(log, true));
    CatalogEntry entry = DatasetCatalog.get("ml-100k");
    var e =
        assertThrows(
            DataFormatException.class, () -> f.fetch(entry, url("/ml-100k.zip"), "0".repeat(64)));
    assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("ml-100k")));
    f.fetch(entry, url("/ml-100k.zip"), null);
    assertTrue(log.toString().contains("unverified"), log.toString());
  }

  @Test
  void refusesZipSlipAndMissingCache() {
    DatasetFetcher f = new DatasetFetcher(cache, new PrintWriter(new StringWriter()));
    CatalogEntry entry = DatasetCatalog.get("ml-1m");
    var e = assertThrows(DataFormatException.class, () -> f.fetch(entry, url("/evil.zip"), null));
    assertTrue(e.getMessage().contains("escapes"), e.getMessage());
    assertThrows(
        DataFormatException.class, () -> f.load(DatasetCatalog.get("ml-latest-small"), null));
    assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.get("ml-10m"));
  }

  private static byte[] zip(String name, String text, String name2, String text2)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(text.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      if (text2 != null) {
        z.putNextEntry(new ZipEntry(name2));
        z.write(text2.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
