package org.rec4j.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.tensor.Tensor;

/**
 * Reads and writes the safetensors format (Hugging Face), so numpy and PyTorch read rec4j weights
 * directly ({@code safetensors.torch.load_file}): an 8-byte little-endian header length N, an
 * N-byte JSON header mapping each tensor name to {@code {"dtype": "F32", "shape": [...],
 * "data_offsets": [begin, end]}} (offsets relative to the byte after the header; an optional {@code
 * "__metadata__"} string map), then the little-endian tensor bytes in header order. Only F32 is
 * written and read.
 */
public final class SafeTensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  private SafeTensors() {}

  /** Writes {@code tensors} (iteration order kept) with string {@code metadata} to {@code out}. */
  public static void write(
      OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode md = header.putObject("__metadata__");
      metadata.forEach(md::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", "F32");
      var shape = t.putArray("shape");
      for (int d : e.getValue().dims()) shape.add(d);
      long bytes = 4L * e.getValue().size();
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] h = JSON.writeValueAsBytes(header);
    int pad =
        (8 - h.length % 8)
            % 8; // keep tensor data 8-byte aligned, padding with spaces as the format allows
    byte[] hp = new byte[h.length + pad];
    System.arraycopy(h, 0, hp, 0, h.length);
    for (int i = h.length; i < hp.length; i++) hp[i] = ' ';
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(hp.length);
    out.write(len.array());
    out.write(hp);
    for (Tensor t : tensors.values()) {
      ByteBuffer b = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(t.data());
      out.write(b.array());
    }
  }

  /**
   * The tensors of a safetensors file, in header order; metadata goes into {@code metadataOut} when
   * not null.
   */
  public static Map<String, Tensor> read(Path file, Map<String, String> metadataOut)
      throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 8)
      throw new ArtifactException(
          file + ": not a safetensors file (shorter than its 8-byte header length)");
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n <= 0 || n > MAX_HEADER || 8 + n > all.length) {
      throw new ArtifactException(
          file
              + ": safetensors header length "
              + n
              + " is invalid for a "
              + all.length
              + "-byte file");
    }
    JsonNode header = JSON.readTree(new String(all, 8, (int) n, StandardCharsets.UTF_8));
    long base = 8 + n;
    Map<String, Tensor> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = header.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        if (metadataOut != null)
          e.getValue()
              .fields()
              .forEachRemaining(m -> metadataOut.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      JsonNode t = e.getValue();
      if (!"F32".equals(t.path("dtype").asText())) {
        throw new ArtifactException(
            file + ": tensor '" + e.getKey() + "' has dtype " + t.path("dtype") + ", expected F32");
      }
      JsonNode sh = t.path("shape");
      int[] dims = new int[sh.size()];
      long count = 1;
      for (int i = 0; i < dims.length; i++) {
        dims[i] = sh.get(i).asInt();
        count *= dims[i];
      }
      long begin = t.path("data_offsets").path(0).asLong(-1),
          end = t.path("data_offsets").path(1).asLong(-1);
      if (begin < 0 || end - begin != 4 * count || base + end > all.length) {
        throw new ArtifactException(
            file
                + ": tensor '"
                + e.getKey()
                + "' has data_offsets ["
                + begin
                + ", "
                + end
                + "] inconsistent with shape "
                + sh);
      }
      float[] data = new float[(int) count];
      ByteBuffer.wrap(all, (int) (base + begin), (int) (end - begin))
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(data);
      out.put(e.getKey(), Tensor.wrap(data, dims));
    }
    return out;
  }
}
