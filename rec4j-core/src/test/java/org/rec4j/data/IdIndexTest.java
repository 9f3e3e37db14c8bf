package org.rec4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void assignsDenseIdsInOrderOfFirstAppearanceBothWays() {
    IdIndex index = new IdIndex();
    assertEquals(0, index.add("alice"));
    assertEquals(1, index.add(42L));
    assertEquals(0, index.add("alice"));
    assertEquals(1, index.add("42"));
    assertEquals(2, index.add("042"));
    assertEquals(3, index.add(1L << 40));
    assertEquals("42", index.raw(1));
    assertEquals(3, index.get(1L << 40));
    assertEquals(-1, index.get("bob"));
    assertEquals(-1, index.get(7L));
    assertEquals(4, index.size());
    assertThrows(IllegalArgumentException.class, () -> index.raw(4));
  }

  @Test
  void growingKeepsExistingIds() {
    IdIndex index = IdIndex.range(3);
    IdIndex copy = index.copy();
    copy.add("new");
    assertEquals(3, index.size());
    assertEquals(2, copy.get("2"));
    assertEquals(3, copy.get("new"));
  }

  @Test
  void concurrentAddsGiveEveryIdExactlyOneDenseId() throws InterruptedException {
    IdIndex index = new IdIndex();
    Thread[] threads = new Thread[4];
    int[][] seen = new int[threads.length][5000];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(() -> {
            for (int k = 0; k < 5000; k++) {
              seen[id][k] = k % 2 == 0 ? index.add((long) k) : index.add("s" + k);
              assertEquals(k % 2 == 0 ? Long.toString(k) : "s" + k, index.raw(seen[id][k]));
            }
          });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(5000, index.size());
    for (int t = 1; t < threads.length; t++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(seen[0], seen[t]);
    }
  }

  @Test
  void serializationRoundTrips() throws IOException {
    IdIndex index = new IdIndex();
    index.add("x");
    index.add(17L);
    index.add("ünïcode");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    index.writeTo(new DataOutputStream(bytes));
    IdIndex back =
        IdIndex.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(index, back);
    assertEquals(1, back.get(17L));
    assertNotEquals(index, IdIndex.range(3));
  }
}
