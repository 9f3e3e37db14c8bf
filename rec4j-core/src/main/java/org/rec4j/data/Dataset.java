package org.rec4j.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reader loaded: the interactions, optional user and item side features (one row per dense
 * id), an optional split that came with the files (NCF train/test, MovieLens u1.base/u1.test),
 * evaluation candidates that came with the files (NCF negatives), the vocabularies of categorical
 * interaction-context columns (the codes themselves live in {@link Interactions#context()} so that
 * splits carry them), and notes on anything a user should know about the data (e.g. "317,810
 * timestamps are 0 = unknown").
 *
 * @param name a short name for reports (format and file)
 * @param interactions all interactions
 * @param userFeatures user features, or null
 * @param itemFeatures item features, or null
 * @param predefinedSplit a split given by the files, or null
 * @param candidates per-test-row candidate items given by the files, or null
 * @param notes remarks on the data for reports
 * @param contextVocabularies context column name → vocabulary of its codes (columns holding raw
 *     feature ids, as from libFM, have none)
 */
public record Dataset(
    String name,
    Interactions interactions,
    FeatureTable userFeatures,
    FeatureTable itemFeatures,
    Split predefinedSplit,
    int[][] candidates,
    List<String> notes,
    Map<String, Vocabulary> contextVocabularies) {

  /** Validates non-null fields and copies the notes and vocabularies. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interactions, "interactions");
    notes = List.copyOf(notes);
    contextVocabularies = Map.copyOf(contextVocabularies);
  }

  /** A data set without context vocabularies. */
  public Dataset(
      String name,
      Interactions interactions,
      FeatureTable userFeatures,
      FeatureTable itemFeatures,
      Split predefinedSplit,
      int[][] candidates,
      List<String> notes) {
    this(
        name,
        interactions,
        userFeatures,
        itemFeatures,
        predefinedSplit,
        candidates,
        notes,
        Map.of());
  }

  /** A data set with interactions only. */
  public static Dataset of(String name, Interactions interactions) {
    return new Dataset(name, interactions, null, null, null, null, List.of());
  }

  /** The user features, if any. */
  public Optional<FeatureTable> users() {
    return Optional.ofNullable(userFeatures);
  }

  /** The item features, if any. */
  public Optional<FeatureTable> items() {
    return Optional.ofNullable(itemFeatures);
  }

  /** The split given by the files, if any. */
  public Optional<Split> split() {
    return Optional.ofNullable(predefinedSplit);
  }
}
