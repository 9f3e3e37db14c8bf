package org.rec4j.model.baseline;

import org.rec4j.model.ModelOptions;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;

/**
 * The factories of the closed-form baselines, one registry line each in {@code META-INF/services}. They build a model
 * with its {@code Config.DEFAULTS}: {@link ModelOptions} carries no per-model keys, so the CLI cannot set K, λ or the
 * shrinkage yet; build {@code new EASE(options, new EASE.Config(λ))} etc. from Java for other values.
 */
public final class BaselineModels {
  private BaselineModels() {}

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
    public Recommender create(ModelOptions o) {
      return new MostPopular(o);
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
      return "item-based kNN, shrunk cosine (K=" + ItemKNN.Config.DEFAULTS.neighbours() + ", shrink=" + ItemKNN.Config.DEFAULTS.shrink() + ")";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new ItemKNN(o);
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
      return "EASE closed-form item autoencoder (Steck 2019, lambda=" + EASE.Config.DEFAULTS.lambda() + ", <= " + EASE.MAX_ITEMS + " items)";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new EASE(o);
    }
  }
}
