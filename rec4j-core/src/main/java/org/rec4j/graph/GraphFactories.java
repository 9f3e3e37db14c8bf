package org.rec4j.graph;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;
import org.rec4j.model.GraphInput;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;

/**
 * The registry entries of the graph models ({@link ModelInput#GRAPH}), with their settings.
 * LightGCN's defaults are the authors' ({@code --recdim 64 --layer 3 --decay 1e-4}); its batch is
 * the trainer's ({@code --batch 2048} in the paper, given on the command line).
 */
public final class GraphFactories {
  private GraphFactories() {}

  /** Embedding width d. */
  public static final Setting<Integer> FACTORS =
      Setting.integer("factors", 64, 1, "embedding width d (ego and propagated)");

  /** Propagation layers K. */
  public static final Setting<Integer> LAYERS =
      Setting.integer(
          "propagation_layers",
          3,
          0,
          "propagation layers K (final embedding = mean of layers 0..K); not 'layers', the MLP widths"
              + " of other models");

  /** L2 on the batch's ego embeddings. */
  public static final Setting<Double> DECAY =
      Setting.number(
          "decay",
          c -> 1e-4,
          0,
          Double.POSITIVE_INFINITY,
          "L2 weight on the batch's ego embeddings, decay * 1/2 (|e_u|^2 + |e_pos|^2 + |e_neg|^2) / B"
              + " as the LightGCN code (--decay); the trainer's --l2 is a separate optimizer penalty");

  /** {@link LightGcn}. */
  public static final class LightGcnFactory implements RecommenderFactory {
    /** Registered by ServiceLoader. */
    public LightGcnFactory() {}

    @Override
    public String name() {
      return "lightgcn";
    }

    @Override
    public String description() {
      return "LightGCN: linear propagation over the normalized user-item graph, BPR (He et al. 2020)";
    }

    @Override
    public Set<ModelInput> inputs() {
      return EnumSet.of(ModelInput.IDS, ModelInput.GRAPH);
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of(FACTORS, LAYERS, DECAY);
    }

    @Override
    public Recommender create(ModelInputs in, Settings s) {
      if (in.rating())
        throw new IllegalArgumentException(
            "lightgcn ranks implicit feedback (BPR); it does not regress ratings");
      return new LightGcn(
          in.numUsers(),
          in.numItems(),
          s.get(FACTORS),
          s.get(LAYERS),
          s.get(DECAY).floatValue(),
          in.seed(),
          s);
    }

    /** A saved model needs no graph: it serves its saved propagated vectors. */
    @Override
    public ModelInputs restoreInputs(ModelInputs ids, Map<String, Object> recorded) {
      return ids.with(ModelInput.GRAPH, GraphInput.class, new GraphInput("saved model"));
    }
  }
}
