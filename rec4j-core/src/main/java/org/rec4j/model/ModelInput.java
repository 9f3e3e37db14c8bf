package org.rec4j.model;

/**
 * A kind of input a model is built and trained from. A factory declares the ones its model needs
 * ({@link RecommenderFactory#inputs()}); the data loaded for a run provides some of them ({@link
 * ModelInputs#available()}), and a model whose needs are not met is refused with what is missing
 * and which data would provide it, before anything is trained.
 */
public enum ModelInput {
  /** User and item ids (every data source provides them). */
  IDS("user and item ids", "any data"),
  /** Feature fields of users and items (or of each example). */
  FEATURES(
      "feature fields",
      "rated data with user or item features: ml-1m:DIR or ml-100k:DIR (user and item files beside the"
          + " ratings), ml-latest:DIR (movie genres), synthetic: (the default ratings); or libfm:DIR (Frappe)"),
  /** Each user's ordered item history (sequential models). */
  HISTORY("ordered user histories", "data with timestamps"),
  /** A neighbourhood graph of users and items (graph models). */
  GRAPH("a user-item graph", "interaction data (the graph is built from it)"),
  /** Item text or feature vectors (content models). */
  CONTENT("item content", "data with item text or vectors");

  private final String what;
  private final String from;

  ModelInput(String what, String from) {
    this.what = what;
    this.from = from;
  }

  /** What it is, in words ("feature fields"). */
  public String what() {
    return what;
  }

  /** Which data provides it, in words. */
  public String providedBy() {
    return from;
  }
}
