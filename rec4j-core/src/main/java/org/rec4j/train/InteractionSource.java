package org.rec4j.train;

import java.util.List;
import org.rec4j.data.Interactions;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.loss.BprLoss;
import org.rec4j.loss.PointwiseLoss;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Rng;

/**
 * The id-based {@link EpochSource}: (user, item[, negative], label) examples of a {@link Trainable}
 * built by {@link Examples} for the configured {@link Objective}, stepped by {@link Workers}
 * (data-parallel when the model offers replicas).
 */
final class InteractionSource implements EpochSource {
  private final Trainable model;
  private final TrainerConfig config;
  private final PointwiseLoss pointwise;
  private final BprLoss bpr;
  private final UniformNegativeSampler sampler;
  private final Examples ex;
  private Workers workers;

  InteractionSource(Trainable model, Interactions train, TrainerConfig config) {
    this.model = model;
    this.config = config;
    Objective obj = config.objective();
    this.pointwise = obj == Objective.BPR ? null : obj.pointwiseLoss();
    this.bpr = obj == Objective.BPR ? new BprLoss() : null;
    this.sampler = obj.samplesNegatives() ? new UniformNegativeSampler(train) : null;
    this.ex = new Examples(train, obj, config.negatives());
  }

  @Override
  public List<Parameter> parameters() {
    return model.parameters();
  }

  @Override
  public List<Optimizer> optimizers(TrainerConfig c) {
    return model.optimizers(c);
  }

  @Override
  public void setTraining(boolean on) {
    model.setTraining(on);
  }

  @Override
  public int prepareEpoch(Rng rng) {
    ex.build(sampler, rng);
    return ex.size;
  }

  @Override
  public float step(int from, int size) {
    return workers().step(ex, from, size, pointwise, bpr);
  }

  @Override
  public void update(List<Optimizer> optimizers) {
    workers().update(optimizers);
  }

  /**
   * Created lazily, after the loop has put the model in training mode (replicas copy that mode).
   */
  private Workers workers() {
    if (workers == null) workers = new Workers(model, config.threads(), config.batchSize());
    return workers;
  }

  @Override
  public void close() {
    if (workers != null) workers.close();
  }
}
