package org.rec4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.Interactions;

/**
 * Whether the data handed to {@code evaluate} is the data a saved model was trained on.
 *
 * <ul>
 *   <li><b>Incompatible</b> (refused, a usage error): the id spaces do not line up, which rec4j
 *       takes to mean that no test interaction, or fewer than half of them, names a user and an
 *       item the model knows (raw ids are matched through the artifact's {@code ids.json}). Such
 *       numbers would describe a different data set. A minority of unknown rows (e.g. new users in
 *       a later snapshot) is still skipped and counted in {@code skipped_unknown}.
 *   <li><b>Different</b> (a one-line warning on stderr): the ids line up but the training part of
 *       the split, mapped to the model's ids, does not hash to the artifact's {@code
 *       provenance.train_sha256} — other data, another split or seed — so test interactions may
 *       have been trained on, or the same raw ids may name other things. Artifacts without the hash
 *       are not checked.
 * </ul>
 */
final class TrainingDataCheck {
  private TrainingDataCheck() {}

  /**
   * Checks {@code train}/{@code test} (already mapped to the model's ids; {@code testRows} before
   * dropping unknown ids) of {@code data} against the artifact {@code l}; throws when incompatible,
   * warns on {@code err} when different.
   */
  static void check(
      ModelArtifact.Loaded l,
      String data,
      String split,
      int dataUsers,
      int dataItems,
      Interactions train,
      int testRows,
      Interactions test,
      PrintWriter err) {
    var prov = l.metadata().path("provenance");
    String trainedOn =
        prov.path("data").asText("unknown data")
            + (prov.has("split") ? ", split " + prov.path("split").asText() : "");
    String sizes =
        "the model knows "
            + l.users().size()
            + " users and "
            + l.items().size()
            + " items, the data has "
            + dataUsers
            + " and "
            + dataItems;
    int unknown = testRows - test.size();
    if (test.size() == 0 || 2L * unknown > testRows) {
      throw new IllegalArgumentException(
          "--data "
              + data
              + ": "
              + (testRows == 0
                  ? "split " + split + " leaves no test interactions"
                  : String.format(
                      Locale.ROOT,
                      "%d of its %d test interactions (%.0f%%) name users or items the model does not know",
                      unknown,
                      testRows,
                      100.0 * unknown / testRows))
              + " ("
              + sizes
              + "): the id spaces are incompatible; evaluate on the data the model was trained on ("
              + trainedOn
              + ")");
    }
    String expected = prov.path("train_sha256").asText("");
    if (!expected.isEmpty() && !expected.equals(Provenance.hash(train))) {
      err.println(
          "rec4j: warning: the training part of --data "
              + data
              + " (split "
              + split
              + ") is not the data the model was trained on ("
              + trainedOn
              + (dataUsers != l.users().size() || dataItems != l.items().size() ? "; " + sizes : "")
              + "): test interactions may have been trained on, or the ids may name other users and items");
      err.flush();
    }
  }
}
