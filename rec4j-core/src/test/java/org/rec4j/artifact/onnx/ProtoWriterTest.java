package org.rec4j.artifact.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The protobuf encoder against hand-worked byte sequences of the wire format. */
class ProtoWriterTest {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
    return b;
  }

  @Test
  void varints() {
    assertArrayEquals(bytes(0x00), new ProtoWriter().rawVarint(0).toByteArray());
    assertArrayEquals(bytes(0x01), new ProtoWriter().rawVarint(1).toByteArray());
    assertArrayEquals(bytes(0x7F), new ProtoWriter().rawVarint(127).toByteArray());
    assertArrayEquals(bytes(0x80, 0x01), new ProtoWriter().rawVarint(128).toByteArray());
    // 300 = 0b10_0101100: low group 0101100 with the continuation bit, then 10
    assertArrayEquals(bytes(0xAC, 0x02), new ProtoWriter().rawVarint(300).toByteArray());
    // negative int64 values are their 64-bit two's complement: ten bytes
    assertArrayEquals(
        bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
        new ProtoWriter().rawVarint(-1).toByteArray());
    assertArrayEquals(
        bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
        new ProtoWriter().rawVarint(Long.MAX_VALUE).toByteArray());
  }

  @Test
  void scalarFields() {
    // field 1, wire type 0: key 0x08; 150 = 0x96 0x01
    assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().int64(1, 150).toByteArray());
    // field 2, wire type 2: key 0x12, length 7, "testing"
    assertArrayEquals(
        bytes(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'),
        new ProtoWriter().string(2, "testing").toByteArray());
    // field 1, wire type 5: key 0x0D; 1.0f = 0x3F800000 little-endian
    assertArrayEquals(
        bytes(0x0D, 0x00, 0x00, 0x80, 0x3F), new ProtoWriter().float32(1, 1f).toByteArray());
    // field 16 needs a two-byte key: (16 << 3) | 0 = 128
    assertArrayEquals(bytes(0x80, 0x01, 0x05), new ProtoWriter().int64(16, 5).toByteArray());
    assertArrayEquals(
        bytes(0x12, 0x02, 0xC3, 0xA9), new ProtoWriter().string(2, "é").toByteArray());
  }

  @Test
  void packedAndNested() {
    // field 4 packed [3, 270, 86942]: key 0x22, length 6, varints 03 | 8E 02 | 9E A7 05
    assertArrayEquals(
        bytes(0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05),
        new ProtoWriter().packedInt64(4, new long[] {3, 270, 86942}).toByteArray());
    // field 1 packed floats [1, -2]: key 0x0A, length 8, 00 00 80 3F | 00 00 00 C0
    assertArrayEquals(
        bytes(0x0A, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0),
        new ProtoWriter().packedFloats(1, new float[] {1f, -2f}).toByteArray());
    assertArrayEquals(
        bytes(0x0A, 0x00), new ProtoWriter().packedInt64(1, new long[0]).toByteArray());
    // field 3 holding the message {1: 150}: key 0x1A, length 3, then the message
    assertArrayEquals(
        bytes(0x1A, 0x03, 0x08, 0x96, 0x01),
        new ProtoWriter().message(3, new ProtoWriter().int64(1, 150)).toByteArray());
    assertArrayEquals(
        bytes(0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80),
        ProtoWriter.littleEndian(new long[] {Long.MIN_VALUE + 1}));
  }

  @Test
  void rejectsInvalidFieldNumbers() {
    assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().int64(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().int64(1 << 29, 1));
  }
}
