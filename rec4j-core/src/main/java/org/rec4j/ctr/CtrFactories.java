package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;
import org.rec4j.tensor.Rng;

/**
 * The registry entries of the CTR models, one {@code META-INF/services} line each: they need {@link
 * ModelInput#FEATURES} ({@link CtrInputs}) and declare their settings here, each default written
 * once. Defaults are at a laptop scale, below the papers' Criteo settings to keep an ML-1M epoch
 * within minutes on two shared cores: k = 16, DNN 200-200 with dropout 0.2, CIN 32-32 split-half
 * (paper: 200-200-200), 3 cross layers, 3 interacting layers of 2 heads × 16 (paper: 2 × 32),
 * Wide&amp;Deep crosses suggested by the task in 2^18 hashed buckets.
 */
public final class CtrFactories {
  private CtrFactories() {}

  /** Embedding size of every field. */
  public static final Setting<Integer> FACTORS =
      Setting.integer("factors", 16, 1, "embedding size k of every field");

  /** DNN hidden widths. */
  public static final Setting<int[]> LAYERS =
      Setting.widths(
          "layers",
          c -> new int[] {200, 200},
          false,
          "DNN hidden widths (no input width), e.g. 200,200");

  /** DNN dropout. */
  public static final Setting<Double> DROPOUT =
      Setting.number("dropout", c -> 0.2, 0, 1, "dropout after each DNN hidden layer");

  /** xDeepFM CIN feature maps. */
  public static final Setting<int[]> CIN_SIZES =
      Setting.widths(
          "cin_sizes", c -> new int[] {32, 32}, false, "xDeepFM CIN feature maps per layer");

  /** xDeepFM split-half. */
  public static final Setting<Boolean> CIN_SPLIT_HALF =
      Setting.flag(
          "cin_split_half", true, "xDeepFM: half of each CIN layer's maps go to the output");

  /** DCN cross layers. */
  public static final Setting<Integer> CROSS_LAYERS =
      Setting.integer("cross_layers", 3, 1, "DCN cross layers");

  /** AutoInt interacting layers. */
  public static final Setting<Integer> ATTENTION_LAYERS =
      Setting.integer("attention_layers", 3, 1, "AutoInt interacting (self-attention) layers");

  /** AutoInt heads. */
  public static final Setting<Integer> HEADS =
      Setting.integer("heads", 2, 1, "AutoInt attention heads");

  /** AutoInt head width. */
  public static final Setting<Integer> HEAD_DIM =
      Setting.integer("head_dim", 16, 1, "AutoInt width of each head");

  /** Wide&amp;Deep crosses. */
  public static final Setting<String> CROSSES =
      Setting.text(
          "crosses",
          "",
          s -> s.isEmpty() || s.matches("[^*,]+\\*[^*,]+(,[^*,]+\\*[^*,]+)*"),
          "field pairs a*b separated by commas, e.g. user_id*genres,gender*genres (empty: the task's suggestion)",
          "Wide&Deep cross-product field pairs (empty: the task's suggestion)");

  /** Wide&amp;Deep hashed cross buckets. */
  public static final Setting<Integer> CROSS_BUCKETS =
      Setting.integer("cross_buckets", 1 << 18, 1, "Wide&Deep hashed cross-product weights");

  /** SharedBottom loss weighting. */
  public static final Setting<String> WEIGHTING =
      Setting.text(
          "weighting",
          "uncertainty",
          s -> s.equals("uncertainty") || s.equals("sum"),
          "uncertainty or sum",
          "SharedBottom: combine the click and rating losses with learned uncertainty weights or a plain sum");

  /** A CTR model factory: name, description, settings, and how to build the network. */
  abstract static class Base implements RecommenderFactory {
    private final String name;
    private final String description;
    private final List<Setting<?>> settings;

    Base(String name, String description, List<Setting<?>> settings) {
      this.name = name;
      this.description = description;
      this.settings = settings;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public Set<ModelInput> inputs() {
      return EnumSet.of(ModelInput.IDS, ModelInput.FEATURES);
    }

    @Override
    public List<Setting<?>> settings() {
      return settings;
    }

    /** The network over {@code in}'s fields. */
    abstract CtrModel network(CtrInputs in, Settings s, Rng rng);

    /** Settings completed from the inputs (Wide&amp;Deep's crosses); as given by default. */
    Settings effective(CtrInputs in, Settings s) {
      return s;
    }

    @Override
    public Recommender create(ModelInputs inputs, Settings s) {
      CtrInputs in =
          inputs
              .get(CtrInputs.class)
              .orElseThrow(() ->
                  new IllegalArgumentException(name + " needs feature fields; this data has none"));
      Settings eff = effective(in, s);
      // the same initialization stream as the CTR benchmarks have always used
      CtrModel net = network(in, eff, new Rng(inputs.seed() * 31 + 7));
      return new FeatureRecommender(
          name, net, in, inputs.numUsers(), inputs.numItems(), inputs.seed(), eff);
    }

    @Override
    public ModelInputs restoreInputs(ModelInputs ids, Map<String, Object> recorded) {
      return ids.with(ModelInput.FEATURES, CtrInputs.class, CtrInputs.restore(recorded));
    }
  }

  static float dropout(Settings s) {
    return s.get(DROPOUT).floatValue();
  }

  /** {@link LR}. */
  public static final class LrFactory extends Base {
    /** Registered by ServiceLoader. */
    public LrFactory() {
      super("lr", "logistic regression over feature fields", List.of());
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      return new LR(in.schema());
    }
  }

  /** {@link FM}. */
  public static final class FmFactory extends Base {
    /** Registered by ServiceLoader. */
    public FmFactory() {
      super("fm", "factorization machine over feature fields (Rendle 2010)", List.of(FACTORS));
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      return new FM(in.schema(), new FM.Config(s.get(FACTORS)), rng);
    }
  }

  /** {@link WideDeep} over feature fields. */
  public static final class WideDeepFactory extends Base {
    /** Registered by ServiceLoader. */
    public WideDeepFactory() {
      super(
          "widedeep-ctr",
          "Wide & Deep over feature fields with hashed crosses (Cheng et al. 2016); widedeep is the id model",
          List.of(FACTORS, LAYERS, DROPOUT, CROSSES, CROSS_BUCKETS));
    }

    @Override
    Settings effective(CtrInputs in, Settings s) {
      if (!s.get(CROSSES).isEmpty() || in.crosses().isEmpty()) return s;
      List<String> pairs = new ArrayList<>();
      for (List<String> c : in.crosses()) pairs.add(String.join("*", c));
      return s.with(CROSSES.key(), String.join(",", pairs));
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      List<List<String>> crosses = new ArrayList<>();
      String text = s.get(CROSSES);
      if (!text.isEmpty())
        for (String pair : text.split(",")) crosses.add(List.of(pair.split("\\*")));
      for (List<String> c : crosses)
        for (String f : c)
          if (in.schema().fields().stream().noneMatch(x -> x.name().equals(f)))
            throw new IllegalArgumentException(
                "crosses: no field '"
                    + f
                    + "'; the fields are "
                    + in.schema().fields().stream().map(Field::name).toList());
      return new WideDeep(
          in.schema(),
          new WideDeep.Config(
              s.get(FACTORS), s.get(LAYERS), dropout(s), crosses, s.get(CROSS_BUCKETS)),
          rng);
    }
  }

  /** {@link DeepFM}. */
  public static final class DeepFmFactory extends Base {
    /** Registered by ServiceLoader. */
    public DeepFmFactory() {
      super(
          "deepfm",
          "DeepFM: FM and a DNN over shared field embeddings (Guo et al. 2017)",
          List.of(FACTORS, LAYERS, DROPOUT));
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      return new DeepFM(
          in.schema(), new DeepFM.Config(s.get(FACTORS), s.get(LAYERS), dropout(s)), rng);
    }
  }

  /** {@link XDeepFM}. */
  public static final class XDeepFmFactory extends Base {
    /** Registered by ServiceLoader. */
    public XDeepFmFactory() {
      super(
          "xdeepfm",
          "xDeepFM: compressed interaction network + DNN (Lian et al. 2018)",
          List.of(FACTORS, CIN_SIZES, CIN_SPLIT_HALF, LAYERS, DROPOUT));
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      return new XDeepFM(
          in.schema(),
          new XDeepFM.Config(
              s.get(FACTORS), s.get(CIN_SIZES), s.get(CIN_SPLIT_HALF), s.get(LAYERS), dropout(s)),
          rng);
    }
  }

  /** {@link AutoInt} without (autoint) or with (autoint+) a DNN. */
  public static class AutoIntFactory extends Base {
    private final boolean plus;

    /** autoint. */
    public AutoIntFactory() {
      this(false);
    }

    AutoIntFactory(boolean plus) {
      super(
          plus ? "autoint+" : "autoint",
          "AutoInt: multi-head self-attention over fields (Song et al. 2019)"
              + (plus ? ", plus a DNN" : ""),
          plus
              ? List.of(FACTORS, ATTENTION_LAYERS, HEADS, HEAD_DIM, LAYERS, DROPOUT)
              : List.of(FACTORS, ATTENTION_LAYERS, HEADS, HEAD_DIM, DROPOUT));
      this.plus = plus;
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      return new AutoInt(
          in.schema(),
          new AutoInt.Config(
              s.get(FACTORS),
              s.get(ATTENTION_LAYERS),
              s.get(HEADS),
              s.get(HEAD_DIM),
              true,
              plus ? s.get(LAYERS) : new int[0],
              dropout(s)),
          rng);
    }
  }

  /** autoint+. */
  public static final class AutoIntPlusFactory extends AutoIntFactory {
    /** Registered by ServiceLoader. */
    public AutoIntPlusFactory() {
      super(true);
    }
  }

  /** {@link DCN}. */
  public static final class DcnFactory extends Base {
    /** Registered by ServiceLoader. */
    public DcnFactory() {
      super(
          "dcn",
          "Deep & Cross Network (Wang et al. 2017)",
          List.of(FACTORS, CROSS_LAYERS, LAYERS, DROPOUT));
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      return new DCN(
          in.schema(),
          new DCN.Config(s.get(FACTORS), s.get(CROSS_LAYERS), s.get(LAYERS), dropout(s)),
          rng);
    }
  }

  /** {@link SharedBottom}. */
  public static final class SharedBottomFactory extends Base {
    /** Registered by ServiceLoader. */
    public SharedBottomFactory() {
      super(
          "sharedbottom",
          "multi-task shared-bottom network: click and rating heads (Caruana 1997)",
          List.of(FACTORS, LAYERS, DROPOUT, WEIGHTING));
    }

    @Override
    CtrModel network(CtrInputs in, Settings s, Rng rng) {
      SharedBottom.Weighting w =
          s.get(WEIGHTING).toLowerCase(Locale.ROOT).equals("sum")
              ? SharedBottom.Weighting.WEIGHTED_SUM
              : SharedBottom.Weighting.UNCERTAINTY;
      return new SharedBottom(
          in.schema(),
          new SharedBottom.Config(s.get(FACTORS), s.get(LAYERS), dropout(s), w, 1f),
          rng);
    }
  }
}
