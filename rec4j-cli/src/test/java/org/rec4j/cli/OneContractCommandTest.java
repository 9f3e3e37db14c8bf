package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.TrainCommandTest.Run;

/**
 * The command line over the one model contract: a CTR model trains on the embedded synthetic data,
 * saves, and evaluates to the same AUC; models refuse data and tasks that cannot feed them with one
 * line naming what is missing; per-model settings are checked against the model's own list; help
 * and {@code config show} read every model's settings from the registry.
 */
class OneContractCommandTest {
  private static final String FEATURES = "synthetic:users=80,items=50,min=8,max=20";
  private static final String IDS_ONLY = "synthetic:kind=implicit,users=60,items=40,min=5,max=12";

  @Test
  void ctrModelTrainsSavesAndEvaluatesToTheSameAuc(@TempDir Path tmp) throws Exception {
    Path m = tmp.resolve("deepfm");
    Run train =
        TrainCommandTest.run(
            "train",
            "--task",
            "ctr",
            "--model",
            "deepfm",
            "--data",
            FEATURES,
            "--epochs",
            "2",
            "--set",
            "layers=16,8",
            "--save",
            m.toString(),
            "--quiet",
            "--json");
    assertEquals(ExitCode.OK, train.code(), train.err());
    JsonNode t = train.lastJson();
    assertTrue(t.path("auc").asDouble() > 0 && t.path("auc").asDouble() < 1, train.out());
    Run eval =
        TrainCommandTest.run("evaluate", "--model", m.toString(), "--data", FEATURES, "--json");
    assertEquals(ExitCode.OK, eval.code(), eval.err());
    JsonNode e = eval.lastJson();
    assertEquals(t.path("auc").asDouble(), e.path("auc").asDouble(), 1e-6, eval.out());
    assertEquals(t.path("logloss").asDouble(), e.path("logloss").asDouble(), 1e-6, eval.out());
    assertEquals(0, e.path("skipped_unknown").asInt());

    Run noTask =
        TrainCommandTest.run(
            "train", "--model", "fm", "--data", FEATURES, "--epochs", "1", "--quiet", "--json");
    assertEquals(
        ExitCode.OK, noTask.code(), "a feature model defaults to the ctr task: " + noTask.err());
    assertTrue(noTask.lastJson().has("auc"), noTask.out());
  }

  @Test
  void modelsRefuseDataAndTasksThatCannotFeedThem(@TempDir Path tmp) throws Exception {
    Path csv = tmp.resolve("ratings.csv");
    java.nio.file.Files.writeString(csv, "user,item,rating\n1,10,5\n1,11,2\n2,10,4\n2,12,1\n");
    Run noFeatures =
        TrainCommandTest.run(
            "train", "--model", "deepfm", "--data", "csv:" + csv + "?header=true", "--quiet");
    assertEquals(ExitCode.USAGE, noFeatures.code());
    assertEquals(1, noFeatures.err().strip().lines().count(), noFeatures.err());
    assertTrue(
        noFeatures.err().contains("needs feature fields")
            && noFeatures.err().contains("use rated data with user or item features"),
        noFeatures.err());

    Run noRatings =
        TrainCommandTest.run("train", "--model", "deepfm", "--data", IDS_ONLY, "--quiet");
    assertEquals(ExitCode.USAGE, noRatings.code());
    assertTrue(
        noRatings.err().contains("every example has label 0")
            && noRatings.err().contains("needs ratings"),
        noRatings.err());

    Run tooLittle =
        TrainCommandTest.run(
            "train",
            "--model",
            "deepfm",
            "--data",
            "synthetic:users=12,items=9,min=4,max=8",
            "--quiet");
    assertEquals(ExitCode.USAGE, tooLittle.code());
    assertTrue(
        tooLittle.err().contains("all labelled") && tooLittle.err().contains("use more data"),
        tooLittle.err());

    Run idModelOnCtr =
        TrainCommandTest.run(
            "train", "--model", "mf", "--task", "ctr", "--data", FEATURES, "--quiet");
    assertEquals(ExitCode.USAGE, idModelOnCtr.code());
    assertTrue(
        idModelOnCtr.err().contains("mf ranks user and item ids")
            && idModelOnCtr.err().contains("deepfm"),
        idModelOnCtr.err());

    Run ctrModelRanking =
        TrainCommandTest.run(
            "train", "--model", "dcn", "--task", "implicit", "--data", FEATURES, "--quiet");
    assertEquals(ExitCode.USAGE, ctrModelRanking.code());
    assertTrue(ctrModelRanking.err().contains("use --task ctr"), ctrModelRanking.err());
  }

  @Test
  void perModelSettingsAreCheckedAgainstTheModelsOwnList() {
    Run typo =
        TrainCommandTest.run(
            "train", "--model", "ease", "--set", "lamda=3", "--data", IDS_ONLY, "--quiet");
    assertEquals(ExitCode.USAGE, typo.code());
    assertEquals(
        "rec4j: error: --set: ease has no setting 'lamda'; did you mean 'lambda'? (its settings: lambda)",
        typo.err().strip());
    Run bad =
        TrainCommandTest.run(
            "train", "--model", "xdeepfm", "--set", "cin_sizes=0,4", "--data", FEATURES, "--quiet");
    assertEquals(ExitCode.USAGE, bad.code());
    assertTrue(
        bad.err().contains("cin_sizes: expected a non-empty list of integers >= 1"), bad.err());
    Run other =
        TrainCommandTest.run(
            "train", "--model", "mf", "--set", "heads=2", "--data", IDS_ONLY, "--quiet");
    assertEquals(ExitCode.USAGE, other.code());
    assertTrue(other.err().contains("mf has no setting 'heads'"), other.err());
  }

  @Test
  void helpAndConfigShowListEveryModelsSettingsFromTheRegistry() {
    Run help = TrainCommandTest.run("train", "--help");
    assertTrue(
        help.out().contains("deepfm")
            && help.out().contains("[ctr]")
            && help.out().contains("lambda=500")
            && help.out().contains("neighbours=100"),
        help.out());
    Run show = TrainCommandTest.run("config", "show", "--model", "xdeepfm");
    assertEquals(ExitCode.OK, show.code(), show.err());
    assertTrue(
        show.out().contains("cin_sizes")
            && show.out().contains("default 32,32")
            && show.out().contains("needs: user and item ids, feature fields"),
        show.out());
    Run mf = TrainCommandTest.run("config", "show", "--model", "mf");
    assertTrue(mf.out().contains("default 8 (ratings: 10)"), mf.out());
  }

  @Test
  void compareRunsOneTaskWithItsMetrics() {
    Run ctr =
        TrainCommandTest.run(
            "compare", "--models", "fm,deepfm", "--data", FEATURES, "--epochs", "1", "--quiet");
    assertEquals(ExitCode.OK, ctr.code(), ctr.err());
    assertTrue(
        ctr.out().contains("AUC") && ctr.out().contains("LOGLOSS") && ctr.out().contains("deepfm"),
        ctr.out());
    assertTrue(
        ctr.out().lines().noneMatch(l -> l.startsWith("deepfm") && l.contains(" - ")), ctr.out());
    Run mixed =
        TrainCommandTest.run(
            "compare", "--models", "mf,deepfm", "--data", FEATURES, "--epochs", "1", "--quiet");
    assertEquals(ExitCode.USAGE, mixed.code());
    assertTrue(mixed.err().contains("compare runs one task"), mixed.err());
  }
}
