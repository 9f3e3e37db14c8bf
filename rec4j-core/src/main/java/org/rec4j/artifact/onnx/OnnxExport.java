package org.rec4j.artifact.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.artifact.ArtifactException;
import org.rec4j.model.OnnxExportable;
import org.rec4j.model.Recommender;

/**
 * Exports a trained model that has the {@link OnnxExportable} capability (today the id models mf,
 * gmf, ncf, neumf, widedeep and the CTR models lr, fm, deepfm, dcn over user and item fields) as an
 * ONNX model that any ONNX runtime can serve. The model describes its own scoring graph through
 * {@link org.rec4j.model.ScoringGraph}, which this package implements with ONNX operators; the
 * export never asks which model it is. A model without the capability is refused with "export:
 * &lt;name&gt; has no ONNX form yet".
 *
 * <p>The graph takes {@code user} and {@code item}, int64 {@code [N]} dense ids (the training
 * data's {@link org.rec4j.data.IdIndex} positions, as {@link Recommender#scorePairs} takes them),
 * and returns {@code score}, float32 {@code [N]}: the value {@code scorePairs} returns — a
 * predicted rating for rating models, an unsquashed score (a logit when trained with BCE) for
 * implicit ones and the click probability for CTR models. The graph is the model's evaluation mode:
 * dropout is the identity and batch norm uses its running statistics. The trained weights are graph
 * initializers named by their parameter path (e.g. {@code mlp.linear0.weight}, {@code W [in,
 * out]}), stored as little-endian float32 {@code raw_data}; a CTR model's user and item fields
 * become per-user and per-item tables computed from its embeddings and features (e.g. {@code
 * user_fields.embedding}). An id outside the model's range makes the runtime's Gather fail.
 *
 * <p>The file is an IR-version-8 ModelProto from producer "rec4j" importing the default domain at
 * opset 17, or 18 for a Wide&amp;Deep model with a hashed user×item cross, whose 64-bit hash needs
 * {@code BitwiseXor}. Its {@code metadata_props} hold {@code rec4j.model}, {@code rec4j.version},
 * {@code rec4j.output} ("rating", "implicit" or "click_probability", see {@link
 * OnnxExportable#output()}), {@code rec4j.num_users}, {@code rec4j.num_items} and {@code
 * rec4j.options} (JSON), then any caller-supplied entries, which may replace those (the CLI can set
 * {@code rec4j.version} when the jar manifest has no version; {@code producer_version} follows that
 * entry).
 */
public final class OnnxExport {
  /** Name of the user-id input, int64 {@code [N]}. */
  public static final String USER = "user";

  /** Name of the item-id input, int64 {@code [N]}. */
  public static final String ITEM = "item";

  /** Name of the score output, float32 {@code [N]}. */
  public static final String SCORE = "score";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OnnxExport() {}

  /**
   * Writes {@code model} to {@code file} as ONNX (see the class description), atomically: the bytes
   * go to a temporary file in the same directory that is then moved over {@code file}. A {@code
   * file.sha256} sidecar in {@code sha256sum} format is written next to it.
   *
   * @return the SHA-256 of the written file, lower-case hex
   * @throws IllegalArgumentException if the model has no ONNX form ({@link OnnxExportable}) or its
   *     configuration cannot be expressed in ONNX
   * @throws ArtifactException if the file cannot be written
   */
  public static String write(Recommender model, Path file) {
    return write(model, file, Map.of());
  }

  /**
   * {@link #write(Recommender, Path)} adding {@code metadata} (e.g. provenance) to the metadata
   * props.
   */
  public static String write(Recommender model, Path file, Map<String, String> metadata) {
    Prepared p = prepare(model, metadata); // refuses unsupported models before touching the disk
    Path abs = file.toAbsolutePath();
    MessageDigest md = sha256();
    try {
      writeAtomically(
          abs,
          out -> {
            try (OutputStream d =
                new DigestOutputStream(new BufferedOutputStream(out, 1 << 16), md)) {
              p.writeTo(d);
            }
          });
      String sha = HexFormat.of().formatHex(md.digest());
      String sidecar = sha + "  " + abs.getFileName() + "\n";
      writeAtomically(
          abs.resolveSibling(abs.getFileName() + ".sha256"),
          out -> out.write(sidecar.getBytes(StandardCharsets.UTF_8)));
      return sha;
    } catch (IOException e) {
      throw new ArtifactException("cannot write ONNX model " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * The encoded ONNX ModelProto of {@code model}, with {@code metadata} added to its metadata
   * props.
   */
  public static byte[] encode(Recommender model, Map<String, String> metadata) {
    Prepared p = prepare(model, metadata);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      p.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream never fails
    }
    return out.toByteArray();
  }

  /**
   * A built graph and the metadata props to write with it; the producer version is the {@code
   * rec4j.version} prop.
   */
  private record Prepared(OnnxGraph graph, Map<String, String> metadata) {
    void writeTo(OutputStream out) throws IOException {
      graph.writeModel(out, metadata.get("rec4j.version"), metadata);
    }
  }

  private static Prepared prepare(Recommender model, Map<String, String> metadata) {
    OnnxExportable exportable =
        model
            .capability(OnnxExportable.class)
            .orElseThrow(() ->
                new IllegalArgumentException("export: " + model.name() + " has no ONNX form yet"));
    OnnxGraph g = new OnnxGraph("rec4j_" + model.name());
    Weights w = new Weights(model);
    String users = g.input(USER, OnnxGraph.INT64, "N");
    String items = g.input(ITEM, OnnxGraph.INT64, "N");
    org.rec4j.model.ModelSpec o = exportable.spec();
    String score = exportable.describeScoring(new Layers(g, w, users, items));
    w.checkAllUsed();
    g.opInto(SCORE, "Identity", List.of(score));
    g.output(SCORE, OnnxGraph.FLOAT, "N");
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("rec4j.model", model.name());
    meta.put("rec4j.version", version());
    meta.put("rec4j.output", exportable.output());
    meta.put("rec4j.num_users", Integer.toString(model.numUsers()));
    meta.put("rec4j.num_items", Integer.toString(model.numItems()));
    meta.put("rec4j.options", optionsJson(o));
    meta.putAll(metadata);
    return new Prepared(g, meta);
  }

  private static String optionsJson(org.rec4j.model.ModelSpec o) {
    Map<String, Object> m = org.rec4j.artifact.ModelArtifact.specToMap(o);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The rec4j version from the jar manifest, or "unknown" when the manifest has none (e.g. running
   * from classes).
   */
  static String version() {
    String v = OnnxExport.class.getPackage().getImplementationVersion();
    return v != null ? v : "unknown";
  }

  /** Writes a file's content to a stream. */
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to a temporary sibling of {@code target} and moves it over {@code
   * target}.
   */
  private static void writeAtomically(Path target, Content content) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp =
        org.rec4j.artifact.ModelArtifact.createSibling(
            target, false); // default permissions, umask respected
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      org.rec4j.artifact.ModelArtifact.moveIntoPlace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** SHA-256 of {@code bytes}, lower-case hex. */
  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }
}
