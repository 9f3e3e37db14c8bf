package org.rec4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.sample.EvalCandidates;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.eval.RankingTask;
import org.rec4j.eval.Relevance;
import org.rec4j.tensor.Rng;

/** Builds the evaluator's {@link RankingTask}s from a train/test split. */
public final class EvalTasks {
  private EvalTasks() {}

  /**
   * One case per test interaction, ranked among its candidates: {@code provided} lists (e.g. NCF
   * negatives, one per test row) or, when null, {@code sampledNegatives} uniform items unobserved
   * in {@code train} (pass {@link #known} training plus validation for the test part of a split
   * with a validation part). Candidates are de-duplicated (NCF's files list some held-out items
   * among their own negatives).
   */
  public static RankingTask sampled(
      Interactions train, Interactions test, int[][] provided, int sampledNegatives, long seed) {
    return sampled(train, test, provided, sampledNegatives, "uniform", seed);
  }

  /**
   * {@link #sampled(Interactions, Interactions, int[][], int, long)} with the negatives drawn
   * {@code uniform}ly or by {@code popularity} (in proportion to their training counts, never the
   * user's known items: BERT4Rec's protocol).
   */
  public static RankingTask sampled(
      Interactions train,
      Interactions test,
      int[][] provided,
      int sampledNegatives,
      String sampler,
      long seed) {
    int[][] cand;
    try {
      cand =
          provided != null
              ? EvalCandidates.provided(test, provided)
              : EvalCandidates.sampled(
                  test,
                  sampler.equals("popularity")
                      ? new org.rec4j.data.sample.PopularityNegativeSampler(train, 1.0, 0.0)
                      : new UniformNegativeSampler(train),
                  sampledNegatives,
                  new Rng(seed));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(
          "--eval-negatives "
              + sampledNegatives
              + ": "
              + e.getMessage()
              + " among "
              + train.numItems()
              + " items; lower --eval-negatives or use --protocol full",
          e);
    }
    int n = test.size();
    int[] users = new int[n];
    Relevance[] rel = new Relevance[n];
    for (int r = 0; r < n; r++) {
      users[r] = test.user(r);
      rel[r] = Relevance.binary(test.item(r));
      cand[r] = java.util.Arrays.stream(cand[r]).distinct().toArray();
    }
    return RankingTask.sampled(Math.max(train.numItems(), test.numItems()), users, rel, cand);
  }

  /**
   * Every interaction the model may know when {@code test} is ranked: {@code train} plus {@code
   * validation} (same id space) — the held-out validation interactions were not trained on, but
   * they are the user's known items and must neither count as misses nor be drawn as negatives on
   * test. {@code train} itself when the validation part is null or empty.
   */
  public static Interactions known(Interactions train, Interactions validation) {
    if (validation == null || validation.size() == 0) return train;
    InteractionsBuilder b = Interactions.builder(train.userIndex(), train.itemIndex());
    for (Interactions p : new Interactions[] {train, validation}) {
      for (int r = 0; r < p.size(); r++) b.add(p.user(r), p.item(r), p.value(r));
    }
    return b.build();
  }

  /**
   * One case per test user: all their test items are relevant; their items in {@code known} are
   * excluded (the training part, or {@link #known} training plus validation when {@code test} is
   * the test part of a split with a validation part).
   */
  public static RankingTask full(Interactions known, Interactions test) {
    Interactions train = known;
    Map<Integer, List<Integer>> byUser = new LinkedHashMap<>();
    for (int r = 0; r < test.size(); r++)
      byUser.computeIfAbsent(test.user(r), k -> new ArrayList<>()).add(test.item(r));
    Csr seen = train.byUser();
    int n = byUser.size();
    int[] users = new int[n];
    Relevance[] rel = new Relevance[n];
    int[][] ex = new int[n][];
    int i = 0;
    for (var e : byUser.entrySet()) {
      int u = e.getKey();
      users[i] = u;
      rel[i] = Relevance.binary(e.getValue().stream().mapToInt(Integer::intValue).toArray());
      ex[i] = u < seen.rows() ? seen.targetsOf(u) : new int[0];
      i++;
    }
    return RankingTask.full(Math.max(train.numItems(), test.numItems()), users, rel, ex);
  }
}
