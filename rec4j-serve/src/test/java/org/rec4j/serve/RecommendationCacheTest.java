package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * LRU eviction, invalidation by user generation (including the compute-while-invalidated race), hit
 * rate.
 */
class RecommendationCacheTest {
  @Test
  void evictsTheLeastRecentlyUsed() {
    RecommendationCache<String> c = new RecommendationCache<>(2);
    var a = c.key("m@1", "a", 10, true);
    var b = c.key("m@1", "b", 10, true);
    c.put(a, "A");
    c.put(b, "B");
    assertEquals("A", c.get(a));
    c.put(c.key("m@1", "c", 10, true), "C");
    assertNull(c.get(b), "b was least recently used");
    assertEquals("A", c.get(a));
    assertEquals(2, c.size());
  }

  @Test
  void keysDifferByModelKAndExcludeSeen() {
    RecommendationCache<String> c = new RecommendationCache<>(10);
    c.put(c.key("m@1", "u", 10, true), "x");
    assertNull(c.get(c.key("m@2", "u", 10, true)));
    assertNull(c.get(c.key("m@1", "u", 5, true)));
    assertNull(c.get(c.key("m@1", "u", 10, false)));
    assertEquals("x", c.get(c.key("m@1", "u", 10, true)));
    assertEquals(0.25, c.hitRate(), 1e-12);
  }

  @Test
  void anAnswerComputedBeforeAnEventIsNeverServedAfterIt() {
    RecommendationCache<String> c = new RecommendationCache<>(10);
    var before = c.key("m@1", "u", 10, true); // request reads the generation, then computes...
    c.invalidateUser("u"); // ...while an event for u arrives
    c.put(before, "stale"); // the stale answer lands after the invalidation
    assertNull(c.get(c.key("m@1", "u", 10, true)));
    c.put(c.key("m@1", "v", 10, true), "other user");
    c.invalidateUser("u");
    assertEquals(
        "other user", c.get(c.key("m@1", "v", 10, true)), "other users keep their entries");
  }

  @Test
  void zeroCapacityDisablesCaching() {
    RecommendationCache<String> c = new RecommendationCache<>(0);
    c.put(c.key("m", "u", 1, true), "x");
    assertNull(c.get(c.key("m", "u", 1, true)));
    assertEquals(0, c.size());
  }
}
