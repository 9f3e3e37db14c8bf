package org.rec4j.model;

/**
 * The factories of the models shipped in rec4j-core (registered through {@code META-INF/services}).
 */
public final class BuiltinModels {
  private BuiltinModels() {}

  /** {@link MF}. */
  public static final class MfFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "mf";
    }

    @Override
    public String description() {
      return "biased matrix factorization (Rendle et al. 2020)";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new MF(o);
    }
  }

  /** {@link GMF}. */
  public static final class GmfFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "gmf";
    }

    @Override
    public String description() {
      return "generalized matrix factorization (He et al. 2017)";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new GMF(o);
    }
  }

  /** {@link NCF}. */
  public static final class NcfFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "ncf";
    }

    @Override
    public String description() {
      return "NCF MLP tower over concatenated embeddings (He et al. 2017)";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new NCF(o);
    }
  }

  /** {@link NeuMF}. */
  public static final class NeuMfFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "neumf";
    }

    @Override
    public String description() {
      return "GMF + MLP fused (He et al. 2017), optional pre-training";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new NeuMF(o);
    }
  }

  /** {@link WideDeep}. */
  public static final class WideDeepFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "widedeep";
    }

    @Override
    public String description() {
      return "Wide & Deep over ids with FTRL wide part (Cheng et al. 2016)";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new WideDeep(o);
    }
  }
}
