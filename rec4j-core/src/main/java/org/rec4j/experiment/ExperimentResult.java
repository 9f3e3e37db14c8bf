package org.rec4j.experiment;

import java.util.Map;
import org.rec4j.data.Interactions;
import org.rec4j.eval.RankingResult;
import org.rec4j.model.Recommender;
import org.rec4j.train.TrainingHistory;

/**
 * The outcome of one run: the final metrics (after the last epoch, or after restoring the best
 * validated epoch when early stopping restores), the best per-epoch value of the monitored metric
 * on the evaluation set when it was tracked every epoch (labelled optimistic: it peeks at test),
 * timings, the trained model and, for ranking protocols, the full ranking result, and the training
 * and test parts of the split (the training part's id maps go into saved artifacts; the test part
 * feeds reports such as predicted-vs-actual plots).
 */
public record ExperimentResult(
    Map<String, Double> metrics,
    TrainingHistory history,
    double evalSeconds,
    Recommender model,
    RankingResult ranking,
    int usersEvaluated,
    Interactions train,
    Interactions test) {}
