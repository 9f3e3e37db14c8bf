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
  void serializationRoundTrips() throws IOException {
    IdIndex index = new IdIndex();
    index.add("x");
    index.add(17L);
    index.add("ünïcode");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    index.writeTo(new DataOutputStream(bytes));
    IdIndex back = IdIndex.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(index, back);
    assertEquals(1, back.get(17L));
    assertNotEquals(index, IdIndex.range(3));
  }
}
