package org.rec4j.model;

/**
 * Capability of a model that can describe its scoring function as a graph of simple operations
 * ({@link ScoringGraph}), which the ONNX export ({@code org.rec4j.artifact.onnx.OnnxExport}) turns
 * into an ONNX model. A model without it gets the answer "export: &lt;name&gt; has no ONNX form
 * yet".
 */
public interface OnnxExportable {
  /**
   * What the model was built from (recorded in the export's metadata: output kind, sizes,
   * settings).
   */
  ModelSpec spec();

  /**
   * Describes {@code score(users, items)} in evaluation mode on {@code g} and returns the name of
   * the {@code [N]} score value. Must compute what {@link Recommender#score} computes, up to float
   * rounding.
   */
  String describeScoring(ScoringGraph g);
}
