package org.rec4j.model.baseline;

import java.util.List;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;
import org.rec4j.model.IdModelSettings;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;

/**
 * The factories of the closed-form baselines, one registry line each in {@code META-INF/services}:
 * the worked example of "a new model is one package and one registry line". Each declares its
 * settings with their defaults ({@code rec4j train --model ease --set lambda=1000}, or {@code
 * model.settings.lambda} in a config file); a loaded model takes its config from the saved state.
 */
public final class BaselineModels {
  private BaselineModels() {}

  /** ItemKNN's K. */
  public static final Setting<Integer> NEIGHBOURS =
      Setting.integer(
          "neighbours", ItemKNN.Config.DEFAULTS.neighbours(), 1, "K, the neighbours kept per item");

  /** ItemKNN's shrinkage. */
  public static final Setting<Double> SHRINK =
      Setting.number(
          "shrink",
          c -> ItemKNN.Config.DEFAULTS.shrink(),
          0,
          Double.POSITIVE_INFINITY,
          "lambda >= 0 added to the cosine's denominator (shrinks similarities of rare pairs)");

  /** EASE's λ. */
  public static final Setting<Double> LAMBDA =
      Setting.positive(
          "lambda",
          EASE.Config.DEFAULTS.lambda(),
          "L2 weight on the diagonal of X^T X (Steck 2019)");

  /** {@link MostPopular}. */
  public static final class PopFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "pop";
    }

    @Override
    public String description() {
      return "most popular items (training interaction counts), non-personalized";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of();
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new MostPopular(IdModelSettings.options(in, s));
    }
  }

  /** {@link ItemKNN}. */
  public static final class ItemKnnFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "itemknn";
    }

    @Override
    public String description() {
      return "item-based kNN over shrunk cosine similarities";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of(NEIGHBOURS, SHRINK);
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new ItemKNN(
          IdModelSettings.options(in, s), new ItemKNN.Config(s.get(NEIGHBOURS), s.get(SHRINK)));
    }
  }

  /** {@link EASE}. */
  public static final class EaseFactory implements RecommenderFactory {
    @Override
    public String name() {
      return "ease";
    }

    @Override
    public String description() {
      return "EASE closed-form item autoencoder (Steck 2019, <= " + EASE.MAX_ITEMS + " items)";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of(LAMBDA);
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      return new EASE(IdModelSettings.options(in, s), new EASE.Config(s.get(LAMBDA)));
    }
  }
}
