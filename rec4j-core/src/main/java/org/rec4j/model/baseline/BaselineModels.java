package org.rec4j.model.baseline;

import org.rec4j.model.ModelOptions;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;

/**
 * The factories of the closed-form baselines, one registry line each in {@code META-INF/services}.
 * {@link ModelOptions} carries no per-model keys and the command line has no per-model options, so
 * the factories build each model with its {@code Config.fromSystemProperties()}: the defaults
 * unless {@code -Drec4j.ease.lambda}, {@code -Drec4j.itemknn.neighbours} or {@code
 * -Drec4j.itemknn.shrink} are set (with the launcher: {@code
 * REC4J_JAVA_OPTS=-Drec4j.ease.lambda=300 ./rec4j train --model ease …}). From Java, pass a {@code
 * Config} to the model's constructor. A loaded model takes its config from the saved state, not
 * from these properties.
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
      return "item-based kNN, shrunk cosine (K="
          + ItemKNN.Config.DEFAULTS.neighbours()
          + ", shrink="
          + ItemKNN.Config.DEFAULTS.shrink()
          + ")";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new ItemKNN(o, ItemKNN.Config.fromSystemProperties());
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
      return "EASE closed-form item autoencoder (Steck 2019, lambda="
          + EASE.Config.DEFAULTS.lambda()
          + ", <= "
          + EASE.MAX_ITEMS
          + " items)";
    }

    @Override
    public Recommender create(ModelOptions o) {
      return new EASE(o, EASE.Config.fromSystemProperties());
    }
  }
}
