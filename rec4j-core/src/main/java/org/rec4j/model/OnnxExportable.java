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
   * What the exported score is, recorded as the {@code rec4j.output} metadata: by default {@code
   * rating} for a rating model and {@code implicit} (an unsquashed score) otherwise.
   */
  default String output() {
    return spec().rating() ? "rating" : "implicit";
  }

  /**
   * Describes {@code score(users, items)} in evaluation mode on {@code g} and returns the name of
   * the {@code [N]} score value. Must compute what {@link Recommender#score} computes, up to float
   * rounding. Called once per export; the description may compute constant tables from the model's
   * state ({@link ScoringGraph#tableLookup}).
   */
  String describeScoring(ScoringGraph g);
}
