package org.rec4j.model;

import java.util.List;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;

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
    public List<Setting<?>> settings() {
      return IdModelSettings.DOT;
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new MF(IdModelSettings.options(in, s));
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
    public List<Setting<?>> settings() {
      return IdModelSettings.DOT;
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new GMF(IdModelSettings.options(in, s));
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
    public List<Setting<?>> settings() {
      return IdModelSettings.MLP;
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new NCF(IdModelSettings.options(in, s));
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
    public List<Setting<?>> settings() {
      return IdModelSettings.MLP;
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new NeuMF(IdModelSettings.options(in, s));
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
    public List<Setting<?>> settings() {
      return IdModelSettings.WIDE_DEEP;
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new WideDeep(IdModelSettings.options(in, s));
    }
  }
}
