package org.rec4j.artifact.onnx;

import java.util.List;
import org.rec4j.artifact.onnx.OnnxGraph.Attr;

/**
 * Wide&amp;Deep's hashed user×item cross bucket as ONNX ops, bit for bit the 64-bit mix of {@code
 * WideDeep.crossBucket}:
 *
 * <pre>
 *   h = (u·C1) ^ (i·C2);  h ^= h &gt;&gt;&gt; 29;  h *= C3;  h ^= h &gt;&gt;&gt; 32;  bucket = floorMod(h, buckets)
 * </pre>
 *
 * Products wrap modulo 2<sup>64</sup> in int64 {@code Mul}; {@code ^} is {@code BitwiseXor} (opset
 * 18, which is why such a graph imports opset 18); the logical shift {@code >>>} is {@code BitShift
 * RIGHT}, which ONNX defines for unsigned types only, so h is cast to uint64 and back (casts
 * between int64 and uint64 keep the bits); {@code Mod} with {@code fmod = 0} takes the divisor's
 * sign, which is Java's {@code floorMod}.
 */
final class CrossHash {
  static final long C1 = 0x9E3779B97F4A7C15L;
  static final long C2 = 0xC2B2AE3D27D4EB4FL;
  static final long C3 = 0xBF58476D1CE4E5B9L;

  private CrossHash() {}

  /** The bucket ids, int64 {@code [N]}, of the pairs ({@code users}, {@code items}). */
  static String bucket(OnnxGraph g, String users, String items, int buckets) {
    g.requireOpset(18);
    String c1 = g.int64s("cross.c1", OnnxGraph.INT64, new long[] {C1}, 1);
    String c2 = g.int64s("cross.c2", OnnxGraph.INT64, new long[] {C2}, 1);
    String c3 = g.int64s("cross.c3", OnnxGraph.INT64, new long[] {C3}, 1);
    String s29 = g.int64s("cross.shift29", OnnxGraph.UINT64, new long[] {29}, 1);
    String s32 = g.int64s("cross.shift32", OnnxGraph.UINT64, new long[] {32}, 1);
    String n = g.int64s("cross.buckets", OnnxGraph.INT64, new long[] {buckets}, 1);
    String h =
        g.op(
            "BitwiseXor",
            List.of(g.op("Mul", List.of(users, c1)), g.op("Mul", List.of(items, c2))));
    h = g.op("BitwiseXor", List.of(h, shiftRight(g, h, s29)));
    h = g.op("Mul", List.of(h, c3));
    h = g.op("BitwiseXor", List.of(h, shiftRight(g, h, s32)));
    return g.op("Mod", List.of(h, n), Attr.of("fmod", 0L));
  }

  /** {@code h >>> shift} for int64 {@code h}. */
  private static String shiftRight(OnnxGraph g, String h, String shift) {
    String u = g.op("Cast", List.of(h), Attr.of("to", (long) OnnxGraph.UINT64));
    String s = g.op("BitShift", List.of(u, shift), Attr.of("direction", "RIGHT"));
    return g.op("Cast", List.of(s), Attr.of("to", (long) OnnxGraph.INT64));
  }
}
