package org.rec4j.ctr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.tensor.Rng;

/**
 * The registry of CTR models by name — {@code lr, fm, widedeep, deepfm, xdeepfm, autoint, autoint+,
 * dcn} and the multi-task {@code sharedbottom} (click plus the task's second target,
 * uncertainty-weighted) — built from one set of shared {@link Options}, so that a benchmark or the
 * command line can train any of them alike.
 */
public final class CtrModels {
  private CtrModels() {}

  /** Builds a model for a schema. */
  @FunctionalInterface
  public interface Factory {
    /** A new, randomly initialized model over {@code schema}. */
    CtrModel create(FieldSchema schema, Options options, Rng rng);
  }

  /**
   * Hyper-parameters shared by the registry's models (each model reads the ones it has).
   *
   * @param embedDim embedding size of every field, &gt; 0
   * @param hidden DNN hidden widths (DeepFM, xDeepFM, AutoInt+, DCN, Wide&amp;Deep)
   * @param dropout DNN dropout, in [0, 1)
   * @param cinSizes xDeepFM CIN feature maps per layer
   * @param cinSplitHalf xDeepFM split-half connections
   * @param crossLayers DCN cross layers
   * @param attentionLayers AutoInt interacting layers
   * @param heads AutoInt heads
   * @param headDim AutoInt head width
   * @param crosses Wide&amp;Deep field pairs (field names)
   * @param crossBuckets Wide&amp;Deep hashed cross weights
   */
  public record Options(
      int embedDim,
      int[] hidden,
      float dropout,
      int[] cinSizes,
      boolean cinSplitHalf,
      int crossLayers,
      int attentionLayers,
      int heads,
      int headDim,
      List<List<String>> crosses,
      int crossBuckets) {
    /**
     * Validates the shared fields; model-specific ones are checked by each model's configuration.
     */
    public Options {
      if (embedDim <= 0)
        throw new IllegalArgumentException("embedDim must be > 0, got " + embedDim);
      hidden = checkHidden("options", hidden, false);
      cinSizes = checkHidden("options cinSizes", cinSizes, false);
      crosses = List.copyOf(crosses);
    }

    /**
     * Defaults at a laptop scale, below the papers' Criteo settings to keep an ML-1M epoch within
     * minutes on two shared cores: k = 16, DNN 200-200 with dropout 0.2, CIN 32-32 split-half
     * (paper: 200-200-200), 3 cross layers, 3 interacting layers of 2 heads × 16 (paper: 2 × 32),
     * no crosses, 2^18 cross buckets.
     */
    public static Options defaults() {
      return new Options(
          16,
          new int[] {200, 200},
          0.2f,
          new int[] {32, 32},
          true,
          3,
          3,
          2,
          16,
          List.of(),
          1 << 18);
    }

    /** A copy with other crosses for Wide&amp;Deep. */
    public Options withCrosses(List<List<String>> c) {
      return new Options(
          embedDim,
          hidden,
          dropout,
          cinSizes,
          cinSplitHalf,
          crossLayers,
          attentionLayers,
          heads,
          headDim,
          c,
          crossBuckets);
    }

    /** A copy with another embedding size, hidden widths and dropout. */
    public Options withNetwork(int k, int[] h, float d) {
      return new Options(
          k,
          h,
          d,
          cinSizes,
          cinSplitHalf,
          crossLayers,
          attentionLayers,
          heads,
          headDim,
          crosses,
          crossBuckets);
    }

    @Override
    public String toString() {
      return "CtrModels.Options[embedDim="
          + embedDim
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + ", cinSizes="
          + Arrays.toString(cinSizes)
          + ", cinSplitHalf="
          + cinSplitHalf
          + ", crossLayers="
          + crossLayers
          + ", attentionLayers="
          + attentionLayers
          + ", heads="
          + heads
          + ", headDim="
          + headDim
          + ", crosses="
          + crosses
          + ", crossBuckets="
          + crossBuckets
          + "]";
    }
  }

  private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("lr", (s, o, r) -> new LR(s));
    FACTORIES.put("fm", (s, o, r) -> new FM(s, new FM.Config(o.embedDim()), r));
    FACTORIES.put(
        "widedeep",
        (s, o, r) ->
            new WideDeep(
                s,
                new WideDeep.Config(
                    o.embedDim(), o.hidden(), o.dropout(), o.crosses(), o.crossBuckets()),
                r));
    FACTORIES.put(
        "deepfm",
        (s, o, r) -> new DeepFM(s, new DeepFM.Config(o.embedDim(), o.hidden(), o.dropout()), r));
    FACTORIES.put(
        "xdeepfm",
        (s, o, r) ->
            new XDeepFM(
                s,
                new XDeepFM.Config(
                    o.embedDim(), o.cinSizes(), o.cinSplitHalf(), o.hidden(), o.dropout()),
                r));
    FACTORIES.put(
        "autoint",
        (s, o, r) ->
            new AutoInt(
                s,
                new AutoInt.Config(
                    o.embedDim(),
                    o.attentionLayers(),
                    o.heads(),
                    o.headDim(),
                    true,
                    new int[0],
                    o.dropout()),
                r));
    FACTORIES.put(
        "autoint+",
        (s, o, r) ->
            new AutoInt(
                s,
                new AutoInt.Config(
                    o.embedDim(),
                    o.attentionLayers(),
                    o.heads(),
                    o.headDim(),
                    true,
                    o.hidden(),
                    o.dropout()),
                r));
    FACTORIES.put(
        "dcn",
        (s, o, r) ->
            new DCN(s, new DCN.Config(o.embedDim(), o.crossLayers(), o.hidden(), o.dropout()), r));
    FACTORIES.put(
        "sharedbottom",
        (s, o, r) ->
            new SharedBottom(
                s,
                new SharedBottom.Config(
                    o.embedDim(), o.hidden(), o.dropout(), SharedBottom.Weighting.UNCERTAINTY, 1f),
                r));
  }

  /** Every registered name, in registration order. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * Builds model {@code name} (case-insensitive); an unknown name is an error suggesting the
   * closest one.
   */
  public static CtrModel create(String name, FieldSchema schema, Options options, Rng rng) {
    Factory f = FACTORIES.get(name.toLowerCase(java.util.Locale.ROOT));
    if (f == null) {
      String best =
          names().stream()
              .min((a, b) -> Integer.compare(distance(a, name), distance(b, name)))
              .orElseThrow();
      throw new IllegalArgumentException(
          "unknown CTR model '"
              + name
              + "'; did you mean '"
              + best
              + "'? expected one of "
              + names());
    }
    return f.create(schema, options, rng);
  }

  /** Validates hidden widths (copying them); {@code mayBeEmpty} allows none. */
  static int[] checkHidden(String what, int[] hidden, boolean mayBeEmpty) {
    if (hidden == null || (!mayBeEmpty && hidden.length == 0))
      throw new IllegalArgumentException(
          what + " needs at least one width, got " + Arrays.toString(hidden));
    for (int h : hidden) {
      if (h <= 0)
        throw new IllegalArgumentException(
            what + " widths must be > 0, got " + Arrays.toString(hidden));
    }
    return hidden.clone();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
