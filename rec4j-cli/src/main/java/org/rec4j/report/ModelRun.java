package org.rec4j.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Rng;

/**
 * What a report shows of one trained model: its name, training history, final metrics, size, training time, and
 * either test predictions (rating runs) or per-user ranking metrics (ranking runs).
 *
 * <p>Arrays are copied in and handed out as they are stored (records do not copy on access): do not modify them.
 * Equality is a record's, so arrays compare by identity.
 *
 * @param name the label in charts and tables (unique within one report)
 * @param history per-epoch training record, or null when unknown (no training curves then)
 * @param metrics final metrics, e.g. {@code rmse}, {@code mae}, {@code hr@10}, {@code ndcg@10}; order is kept
 * @param parameters number of scalar parameters (≥ 0)
 * @param trainSeconds seconds of training (≥ 0, or NaN when unknown)
 * @param actual true test ratings, aligned with {@code predicted}; null for ranking runs
 * @param predicted predicted test ratings; null exactly when {@code actual} is
 * @param perUser per-user values of ranking metrics (e.g. {@code "ndcg@10"} → one value per evaluated user); empty
 *     for rating runs
 */
public record ModelRun(String name, org.rec4j.train.TrainingHistory history, Map<String, Double> metrics,
                       long parameters, double trainSeconds, float[] actual, float[] predicted,
                       Map<String, double[]> perUser) {
  /** Validates and copies every field. */
  public ModelRun {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("run name must be non-blank, got '" + name + "'");
    if (metrics == null) throw new IllegalArgumentException("run '" + name + "': metrics must not be null");
    for (var e : metrics.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("run '" + name + "': metric " + e.getKey() + " = " + e.getValue() + " is null");
      }
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    if (parameters < 0) throw new IllegalArgumentException("run '" + name + "': parameters must be >= 0, got " + parameters);
    if (!(trainSeconds >= 0) && !Double.isNaN(trainSeconds)) {
      throw new IllegalArgumentException("run '" + name + "': trainSeconds must be >= 0 or NaN, got " + trainSeconds);
    }
    if ((actual == null) != (predicted == null)) {
      throw new IllegalArgumentException("run '" + name + "': actual and predicted must both be given or both be null");
    }
    if (actual != null && actual.length != predicted.length) {
      throw new IllegalArgumentException("run '" + name + "': " + actual.length + " actual ratings but " + predicted.length + " predictions");
    }
    actual = actual == null ? null : actual.clone();
    predicted = predicted == null ? null : predicted.clone();
    Map<String, double[]> pu = new LinkedHashMap<>();
    if (perUser != null) perUser.forEach((k, v) -> pu.put(k, v.clone()));
    perUser = Collections.unmodifiableMap(pu);
  }

  /**
   * A run from an experiment result without test predictions: metrics, history, parameter count and training
   * time, plus the per-user values of a ranking evaluation. Enough for every panel except the rating ones
   * (scatter, rating distribution, error histogram); use {@link #of(String, ExperimentResult, Interactions)} for those.
   */
  public static ModelRun of(String name, ExperimentResult r) {
    Map<String, double[]> perUser = r.ranking() == null ? Map.of() : r.ranking().perUser();
    return new ModelRun(name, r.history(), r.metrics(), r.model().parameterCount(), r.history().trainSeconds(), null, null, perUser);
  }

  /**
   * A run from an experiment result and the test part of its split. For a rating run ({@code r.ranking() == null})
   * the trained model predicts every test pair through its inference path; pairs whose user or item the model
   * does not know are left out. For a ranking run {@code test} is not needed and ignored.
   */
  public static ModelRun of(String name, ExperimentResult r, Interactions test) {
    ModelRun base = of(name, r);
    if (r.ranking() != null) return base;
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
    return new ModelRun(name, base.history, base.metrics, base.parameters, base.trainSeconds,
        java.util.Arrays.copyOf(actual, n), predicted, base.perUser);
  }

  /**
   * The test part of the split that {@link org.rec4j.experiment.Experiment#run} made for {@code c} on {@code ds}:
   * the same split method applied with the same seed. Throws if {@code r}'s training part does not fit that split,
   * i.e. if the two ways of splitting ever disagree.
   */
  public static Interactions testPart(ExperimentConfig c, Dataset ds, ExperimentResult r) {
    Split s = c.split().apply(c.data(), ds, new Rng(c.trainer().seed()));
    boolean carved = c.validationFraction() > 0 && s.validation().size() == 0;
    boolean fits = carved ? r.train().size() < s.train().size() : r.train().size() == s.train().size();
    if (!fits) {
      throw new IllegalStateException("re-splitting " + ds.name() + " with " + c.split() + " gave " + s.train().size()
          + " training rows but the run trained on " + r.train().size() + "; the experiment's split has changed");
    }
    return s.test();
  }

  /** Whether this run has test predictions. */
  public boolean hasPredictions() {
    return actual != null && actual.length > 0;
  }

  /** Per-epoch values of validation metric {@code key}, one entry per validated epoch: {epoch, value}. */
  double[][] validationCurve(String key) {
    if (history == null) return new double[0][];
    return history.epochs().stream().filter(e -> e.validation().containsKey(key))
        .map(e -> new double[] {e.epoch(), e.validation().get(key)}).toArray(double[][]::new);
  }
}
