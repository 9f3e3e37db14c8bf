package org.rec4j.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.data.Interactions;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.model.Recommender;

/**
 * What a report shows of one trained model: its name, training history, final metrics, size,
 * training time, and either test predictions (rating runs) or per-user ranking metrics (ranking
 * runs).
 *
 * <p>Arrays are copied in and handed out as they are stored (records do not copy on access): do not
 * modify them. Equality is a record's, so arrays compare by identity.
 *
 * @param name the label in charts and tables (unique within one report)
 * @param history per-epoch training record, or null when unknown (no training curves then)
 * @param metrics final metrics, e.g. {@code rmse}, {@code mae}, {@code hr@10}, {@code ndcg@10};
 *     order is kept
 * @param parameters number of scalar parameters (≥ 0)
 * @param trainSeconds seconds of training (≥ 0, or NaN when unknown)
 * @param actual true test ratings, aligned with {@code predicted}; null for ranking runs
 * @param predicted predicted test ratings; null exactly when {@code actual} is
 * @param perUser per-user values of ranking metrics (e.g. {@code "ndcg@10"} → one value per
 *     evaluated user); empty for rating runs
 */
public record ModelRun(
    String name,
    org.rec4j.train.TrainingHistory history,
    Map<String, Double> metrics,
    long parameters,
    double trainSeconds,
    float[] actual,
    float[] predicted,
    Map<String, double[]> perUser) {
  /** Validates and copies every field. */
  public ModelRun {
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("run name must be non-blank, got '" + name + "'");
    if (metrics == null)
      throw new IllegalArgumentException("run '" + name + "': metrics must not be null");
    for (var e : metrics.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "run '" + name + "': metric " + e.getKey() + " = " + e.getValue() + " is null");
      }
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    if (parameters < 0)
      throw new IllegalArgumentException(
          "run '" + name + "': parameters must be >= 0, got " + parameters);
    if (!(trainSeconds >= 0) && !Double.isNaN(trainSeconds)) {
      throw new IllegalArgumentException(
          "run '" + name + "': trainSeconds must be >= 0 or NaN, got " + trainSeconds);
    }
    if ((actual == null) != (predicted == null)) {
      throw new IllegalArgumentException(
          "run '" + name + "': actual and predicted must both be given or both be null");
    }
    if (actual != null && actual.length != predicted.length) {
      throw new IllegalArgumentException(
          "run '"
              + name
              + "': "
              + actual.length
              + " actual ratings but "
              + predicted.length
              + " predictions");
    }
    actual = actual == null ? null : actual.clone();
    predicted = predicted == null ? null : predicted.clone();
    Map<String, double[]> pu = new LinkedHashMap<>();
    if (perUser != null) perUser.forEach((k, v) -> pu.put(k, v.clone()));
    perUser = Collections.unmodifiableMap(pu);
  }

  /**
   * A run from an experiment result: metrics, history, parameter count and training time, the
   * per-user values of a ranking evaluation, and for a rating run ({@code r.ranking() == null}) the
   * trained model's predictions of every pair of the result's test part through its inference path
   * (pairs whose user or item the model does not know are left out).
   */
  public static ModelRun of(String name, ExperimentResult r) {
    Map<String, double[]> perUser = r.ranking() == null ? Map.of() : r.ranking().perUser();
    if (r.ranking() != null || r.test() == null) {
      return new ModelRun(
          name,
          r.history(),
          r.metrics(),
          r.model().parameterCount(),
          r.history().trainSeconds(),
          null,
          null,
          perUser);
    }
    Interactions test = r.test();
    Recommender m = r.model();
    int n = 0;
    int[] users = new int[test.size()], items = new int[test.size()];
    float[] actual = new float[test.size()];
    for (int i = 0; i < test.size(); i++) {
      int u = test.user(i), it = test.item(i);
      if (u < 0 || u >= m.numUsers() || it < 0 || it >= m.numItems()) continue;
      users[n] = u;
      items[n] = it;
      actual[n++] = test.value(i);
    }
    users = java.util.Arrays.copyOf(users, n);
    items = java.util.Arrays.copyOf(items, n);
    float[] predicted = new float[n];
    m.scorePairs(users, items, predicted);
    return new ModelRun(
        name,
        r.history(),
        r.metrics(),
        r.model().parameterCount(),
        r.history().trainSeconds(),
        java.util.Arrays.copyOf(actual, n),
        predicted,
        perUser);
  }

  /** Whether this run has test predictions. */
  public boolean hasPredictions() {
    return actual != null && actual.length > 0;
  }

  /**
   * Per-epoch values of validation metric {@code key}, one entry per validated epoch: {epoch,
   * value}.
   */
  double[][] validationCurve(String key) {
    if (history == null) return new double[0][];
    return history.epochs().stream()
        .filter(e -> e.validation().containsKey(key))
        .map(e -> new double[] {e.epoch(), e.validation().get(key)})
        .toArray(double[][]::new);
  }
}
