package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.serve.topk.HnswTopK;

/**
 * Version order, latest-by-default, swap and rollback, and a corrupt version leaving the current
 * one serving.
 */
class ServingRegistryTest {
  @Test
  void versionsSortNaturally() {
    List<String> v = new ArrayList<>(List.of("v10", "v2", "v1", "2026-01-02", "1.10", "1.9"));
    v.sort(ServingRegistry::compareVersions);
    assertEquals(List.of("1.9", "1.10", "2026-01-02", "v1", "v2", "v10"), v);
  }

  @Test
  void loadsLatestSwapsAndRollsBack(@TempDir Path tmp) throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    Fixtures.save(tmp, "mf", "v2.zip", "mf", 2);
    Files.createDirectories(tmp.resolve("mf").resolve("v3"));
    Files.writeString(
        tmp.resolve("mf").resolve("v3").resolve("model.json"), "{}"); // broken: no checksums
    List<String> swaps = new ArrayList<>();
    ServingRegistry r =
        new ServingRegistry(
            tmp,
            1_000_000,
            HnswTopK.Params.defaults(),
            (before, after) ->
                swaps.add((before == null ? "-" : before.key()) + ">" + after.key()));
    assertEquals(1, r.loadAll());
    assertEquals(
        "mf@v2",
        r.resolve(null, null).key(),
        "v3 is broken, so the latest loadable version serves");
    assertEquals(List.of("v1", "v2", "v3"), r.versionsOnDisk("mf"));
    ApiException e = assertThrows(ApiException.class, () -> r.reload("mf", "v3"));
    assertEquals(422, e.status());
    assertTrue(e.getMessage().contains("checksums.sha256"), e.getMessage());
    assertEquals("mf@v2", r.resolve("mf", null).key(), "a failed reload changes nothing");
    ServedModel v1 = r.reload("mf", "v1");
    assertSame(v1, r.resolve("mf", null));
    assertEquals("mf@v2", r.rollback("mf").key());
    assertEquals("mf@v1", r.rollback("mf").key(), "rollback twice returns to where we were");
    assertEquals(List.of("-" + ">mf@v2", "mf@v2>mf@v1", "mf@v1>mf@v2", "mf@v2>mf@v1"), swaps);
    assertEquals(400, assertThrows(ApiException.class, () -> r.reload("../etc", null)).status());
  }
}
