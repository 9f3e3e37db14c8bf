package org.rec4j.artifact.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph under construction — inputs, initializers (constant tensors stored as little-endian
 * {@code raw_data}), nodes in topological order, outputs — and its encoding as an ONNX {@code
 * ModelProto}.
 *
 * <p>Field numbers follow {@code onnx.proto}: ModelProto {@code ir_version} 1, {@code
 * producer_name} 2, {@code producer_version} 3, {@code graph} 7, {@code opset_import} 8, {@code
 * metadata_props} 14; GraphProto {@code node} 1, {@code name} 2, {@code initializer} 5, {@code
 * input} 11, {@code output} 12; NodeProto {@code input} 1, {@code output} 2, {@code name} 3, {@code
 * op_type} 4, {@code attribute} 5; TensorProto {@code dims} 1, {@code data_type} 2, {@code name} 8,
 * {@code raw_data} 9; ValueInfoProto {@code name} 1, {@code type} 2; TypeProto {@code tensor_type}
 * 1; TypeProto.Tensor {@code elem_type} 1, {@code shape} 2; TensorShapeProto {@code dim} 1;
 * Dimension {@code dim_value} 1, {@code dim_param} 2; AttributeProto {@code name} 1, {@code f} 2,
 * {@code i} 3, {@code s} 4, {@code type} 20; OperatorSetIdProto {@code domain} 1, {@code version}
 * 2; StringStringEntryProto {@code key} 1, {@code value} 2.
 */
final class OnnxGraph {
  /** TensorProto.DataType FLOAT. */
  static final int FLOAT = 1;

  /** TensorProto.DataType INT64. */
  static final int INT64 = 7;

  /** TensorProto.DataType UINT64. */
  static final int UINT64 = 13;

  /** The IR version written (ONNX 1.10 – 1.13). */
  static final long IR_VERSION = 8;

  /** The default-domain opset written unless an operator needs a later one. */
  static final int DEFAULT_OPSET = 17;

  /**
   * The largest model written in one file (protobuf messages are limited to 2 GiB; external data is
   * not used).
   */
  static final long MAX_BYTES = Integer.MAX_VALUE - (64L << 20);

  /**
   * A node attribute holding exactly one of an int, a float or a string, tagged by
   * AttributeProto.AttributeType.
   */
  record Attr(String name, int type, long i, float f, String s) {
    static final int FLOAT_TYPE = 1;
    static final int INT_TYPE = 2;
    static final int STRING_TYPE = 3;

    static Attr of(String name, long i) {
      return new Attr(name, INT_TYPE, i, 0f, null);
    }

    static Attr of(String name, float f) {
      return new Attr(name, FLOAT_TYPE, 0, f, null);
    }

    static Attr of(String name, String s) {
      return new Attr(name, STRING_TYPE, 0, 0f, s);
    }

    ProtoWriter encode() {
      ProtoWriter a = new ProtoWriter().string(1, name);
      switch (type) {
        case FLOAT_TYPE -> a.float32(2, f);
        case INT_TYPE -> a.int64(3, i);
        case STRING_TYPE -> a.string(4, s);
        default -> throw new IllegalStateException("attribute type " + type);
      }
      return a.int64(20, type);
    }
  }

  private final String name;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();
  private final Set<String> values = new HashSet<>();
  private long bytes;
  private int opset = DEFAULT_OPSET;
  private int counter;

  /** An empty graph called {@code name}. */
  OnnxGraph(String name) {
    this.name = name;
  }

  /**
   * Declares a graph input {@code [dims...]} (each dim a {@code Long} size or a {@code String}
   * symbol).
   */
  String input(String value, int elemType, Object... dims) {
    declare(value);
    inputs.add(valueInfo(value, elemType, dims));
    return value;
  }

  /** Declares the existing value {@code value} a graph output. */
  void output(String value, int elemType, Object... dims) {
    if (!values.contains(value))
      throw new IllegalStateException("graph output '" + value + "' is not produced by any node");
    outputs.add(valueInfo(value, elemType, dims));
  }

  /** A float32 initializer {@code [dims]} holding {@code data}; returns its name. */
  String floats(String value, float[] data, long... dims) {
    return initializer(value, FLOAT, dims, ProtoWriter.littleEndian(data), data.length);
  }

  /**
   * An int64 ({@code type} INT64) or uint64 (UINT64, same bits) initializer {@code [dims]}; returns
   * its name.
   */
  String int64s(String value, int type, long[] data, long... dims) {
    if (type != INT64 && type != UINT64)
      throw new IllegalArgumentException("int64s stores INT64 or UINT64, got data type " + type);
    return initializer(value, type, dims, ProtoWriter.littleEndian(data), data.length);
  }

  private String initializer(String value, int type, long[] dims, byte[] raw, int count) {
    long n = 1;
    for (long d : dims) n *= d;
    if (n != count)
      throw new IllegalStateException(
          "initializer '"
              + value
              + "' has "
              + count
              + " values for dims "
              + java.util.Arrays.toString(dims));
    declare(value);
    bytes += raw.length;
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the model's weights exceed "
              + (MAX_BYTES >> 20)
              + " MiB, more than one ONNX file can hold (external data is not supported)");
    }
    initializers.add(
        new ProtoWriter().packedInt64(1, dims).int64(2, type).string(8, value).bytes(9, raw));
    return value;
  }

  /** Adds a node {@code opType(inputs) → fresh value} and returns the output's name. */
  String op(String opType, List<String> in, Attr... attrs) {
    return opInto(opType.toLowerCase(java.util.Locale.ROOT) + "_" + counter, opType, in, attrs);
  }

  /** Adds a node {@code opType(inputs) → out} and returns {@code out}. */
  String opInto(String out, String opType, List<String> in, Attr... attrs) {
    for (String x : in)
      if (!values.contains(x))
        throw new IllegalStateException(opType + " input '" + x + "' is not defined yet");
    declare(out);
    ProtoWriter n = new ProtoWriter();
    for (String x : in) n.string(1, x);
    n.string(2, out).string(3, "n" + counter++ + "_" + opType).string(4, opType);
    for (Attr a : attrs) n.message(5, a.encode());
    nodes.add(n);
    return out;
  }

  /**
   * Raises the default-domain opset to at least {@code version} (for operators introduced later).
   */
  void requireOpset(int version) {
    opset = Math.max(opset, version);
  }

  /** The default-domain opset the model will import. */
  int opset() {
    return opset;
  }

  private void declare(String value) {
    if (!values.add(value))
      throw new IllegalStateException("value '" + value + "' is defined twice");
  }

  private static ProtoWriter valueInfo(String value, int elemType, Object... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof String s) {
        dim.string(2, s);
      } else {
        dim.int64(1, ((Number) d).longValue());
      }
      shape.message(1, dim);
    }
    ProtoWriter tensor = new ProtoWriter().int64(1, elemType).message(2, shape);
    return new ProtoWriter().string(1, value).message(2, new ProtoWriter().message(1, tensor));
  }

  /**
   * Streams the encoded {@code ModelProto} to {@code to}: IR version 8, producer "rec4j" at {@code
   * producerVersion}, the graph, the default domain at {@link #opset()}, and {@code metadata} as
   * {@code metadata_props} (in iteration order). The graph is not assembled in memory: its parts
   * are written after a header carrying their total length.
   */
  void writeModel(OutputStream to, String producerVersion, Map<String, String> metadata)
      throws IOException {
    List<ProtoWriter> parts = new ArrayList<>();
    for (ProtoWriter n : nodes) parts.addAll(List.of(ProtoWriter.header(1, n.size()), n));
    parts.add(new ProtoWriter().string(2, name));
    for (ProtoWriter t : initializers) parts.addAll(List.of(ProtoWriter.header(5, t.size()), t));
    for (ProtoWriter i : inputs) parts.addAll(List.of(ProtoWriter.header(11, i.size()), i));
    for (ProtoWriter o : outputs) parts.addAll(List.of(ProtoWriter.header(12, o.size()), o));
    long graphBytes = 0;
    for (ProtoWriter p : parts) graphBytes += p.size();
    new ProtoWriter()
        .int64(1, IR_VERSION)
        .string(2, "rec4j")
        .string(3, producerVersion)
        .writeTo(to);
    ProtoWriter.header(7, graphBytes).writeTo(to);
    for (ProtoWriter p : parts) p.writeTo(to);
    ProtoWriter tail =
        new ProtoWriter().message(8, new ProtoWriter().string(1, "").int64(2, opset));
    for (var e : metadata.entrySet())
      tail.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    tail.writeTo(to);
  }
}
