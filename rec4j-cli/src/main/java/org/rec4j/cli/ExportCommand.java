package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.artifact.ModelArtifact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j export}: converts a saved model artifact (directory or zip) into another form:
 * {@code zip} (the same artifact as one file) or {@code onnx} (a graph from int64 {@code user},
 * {@code item} dense indices to a float32 {@code score}, for ONNX runtimes; the id maps stay in the
 * artifact's {@code ids.json}). The source is verified (checksums, format version) before anything
 * is written, and the output is written to a temporary file and renamed.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Export a saved model as a single zip or as an ONNX graph.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j export --model models/neumf8 --format zip --out models/neumf8.zip",
      "  rec4j export --model models/neumf8 --format onnx --out neumf8.onnx"
    })
public final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "PATH",
      description = "A model artifact (directory or zip).")
  Path model;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "zip or onnx (default: from the --out extension).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
  Path out;

  @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    String f = format != null ? format.toLowerCase(Locale.ROOT) : extension(out);
    ModelArtifact.Loaded l = ModelArtifact.load(model); // verifies before writing anything
    switch (f) {
      case "zip" -> {
        if (Files.isDirectory(model)) {
          ModelArtifact.pack(model, out);
        } else { // already a zip: copy it through a temporary sibling
          Path abs = out.toAbsolutePath();
          Path tmp =
              ModelArtifact.createSibling(
                  abs, false); // a normal file's permissions, not the source's
          try {
            try (var in = Files.newInputStream(model);
                var o = Files.newOutputStream(tmp)) {
              in.transferTo(o);
            }
            ModelArtifact.moveIntoPlace(tmp, abs);
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
      }
      case "onnx" -> {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("rec4j.version", Provenance.version());
        meta.put("rec4j.source_artifact", model.toAbsolutePath().toString());
        org.rec4j.artifact.onnx.OnnxExport.write(
            l.model(), out, meta); // refuses a model without an ONNX form
      }
      default ->
          throw new IllegalArgumentException("--format: expected zip or onnx, got '" + f + "'");
    }
    String sha = ModelArtifact.sha256(out);
    w.printf(
        Locale.ROOT,
        "exported %s (%s) to %s%nsha256 %s%n",
        l.model().name(),
        f,
        out.toAbsolutePath(),
        sha);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", l.model().name());
      m.put("format", f);
      m.put("out", out.toAbsolutePath().toString());
      m.put("bytes", Files.size(out));
      m.put("sha256", sha);
      JsonMixin.print(w, m);
    }
    return ExitCode.OK;
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    if (dot < 0)
      throw new IllegalArgumentException(
          "--format: not given and --out '" + n + "' has no extension (zip or onnx)");
    return n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
