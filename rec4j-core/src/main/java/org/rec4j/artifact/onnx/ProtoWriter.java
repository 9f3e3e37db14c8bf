package org.rec4j.artifact.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers encoder (proto3 wire format) for writing ONNX files without a protobuf
 * library: one message is built field by field into a growing byte buffer; a nested message is
 * encoded in its own writer and appended as a length-delimited field.
 *
 * <p>Wire types: 0 = varint (int32/int64/enum/bool, two's complement, so negative numbers take ten
 * bytes), 2 = length-delimited (strings, bytes, nested messages, packed repeated scalars), 5 =
 * 32-bit little-endian (float). A field's key is the varint {@code (field << 3) | wireType}.
 * Messages must stay below 2 GiB, the protobuf limit.
 */
final class ProtoWriter {
  static final int VARINT = 0;
  static final int LEN = 2;
  static final int I32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Appends {@code v} as a base-128 varint (7 bits per byte, least significant group first). */
  ProtoWriter rawVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  /** Appends the key of {@code field} with {@code wireType}. */
  ProtoWriter key(int field, int wireType) {
    if (field < 1 || field > (1 << 29) - 1)
      throw new IllegalArgumentException(
          "protobuf field number must be in [1, 2^29), got " + field);
    return rawVarint(((long) field << 3) | wireType);
  }

  /** An int32/int64/enum field (varint). */
  ProtoWriter int64(int field, long v) {
    return key(field, VARINT).rawVarint(v);
  }

  /** A float field (32-bit little-endian). */
  ProtoWriter float32(int field, float v) {
    key(field, I32);
    int bits = Float.floatToRawIntBits(v);
    for (int s = 0; s < 32; s += 8) out.write(bits >>> s);
    return this;
  }

  /** A string field (UTF-8, length-delimited). */
  ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  /** A bytes field (length-delimited). */
  ProtoWriter bytes(int field, byte[] b) {
    key(field, LEN).rawVarint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  /** A nested message field. */
  ProtoWriter message(int field, ProtoWriter m) {
    key(field, LEN).rawVarint(m.out.size());
    return append(m.out);
  }

  /** A packed repeated float field: one length-delimited run of 32-bit little-endian values. */
  ProtoWriter packedFloats(int field, float[] v) {
    return bytes(field, littleEndian(v));
  }

  /** A packed repeated int64 field: one length-delimited run of varints. */
  ProtoWriter packedInt64(int field, long[] v) {
    ProtoWriter body = new ProtoWriter();
    for (long x : v) body.rawVarint(x);
    key(field, LEN).rawVarint(body.out.size());
    return append(body.out);
  }

  private ProtoWriter append(ByteArrayOutputStream from) {
    try {
      from.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream never fails
    }
    return this;
  }

  /**
   * The key of length-delimited {@code field} and {@code length}: what precedes a nested message's
   * bytes.
   */
  static ProtoWriter header(int field, long length) {
    return new ProtoWriter().key(field, LEN).rawVarint(length);
  }

  /** Copies the bytes written so far to {@code to}. */
  void writeTo(OutputStream to) throws IOException {
    out.writeTo(to);
  }

  /** Number of bytes written so far. */
  int size() {
    return out.size();
  }

  /** The encoded message. */
  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** {@code v} as consecutive little-endian IEEE-754 float32 values. */
  static byte[] littleEndian(float[] v) {
    ByteBuffer b =
        ByteBuffer.allocate(Math.multiplyExact(v.length, Float.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  /** {@code v} as consecutive little-endian int64 values. */
  static byte[] littleEndian(long[] v) {
    ByteBuffer b =
        ByteBuffer.allocate(Math.multiplyExact(v.length, Long.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(v);
    return b.array();
  }
}
