package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * train / evaluate / recommend: parse-only checks and one small end-to-end round trip through an
 * artifact.
 */
class TrainCommandTest {
  private static final String DATA = "synthetic:kind=implicit,users=60,items=40,min=5,max=12";

  record Run(int code, String out, String err) {
    JsonNode lastJson() throws Exception {
      String[] lines = out.strip().split("\n");
      return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void parsesTrainFlagsWithoutRunning() {
    CommandLine.ParseResult r =
        Main.commandLine()
            .parseArgs(
                "train",
                "--model",
                "neumf",
                "--data",
                DATA,
                "--layers",
                "64,32,16,8",
                "--factors",
                "8",
                "--epochs",
                "3",
                "--negatives",
                "4",
                "--lr",
                "0.01",
                "--batch",
                "128",
                "--threads",
                "2",
                "--seed",
                "9",
                "--pretrain",
                "--split",
                "loo",
                "-k",
                "5,10",
                "--json");
    TrainOptions t = ((TrainCommand) r.subcommand().commandSpec().userObject()).train;
    assertEquals("neumf", t.model);
    assertEquals(4, t.layers.length);
    assertEquals(2, t.ks.length);
    assertTrue(t.pretrain);
    var bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            CommandLine.ParameterException.class,
            () ->
                Main.commandLine()
                    .parseArgs("train", "--model", "mf", "--data", DATA, "--epochs", "x"));
    assertTrue(bad.getMessage().contains("--epochs"), bad.getMessage());
  }

  @Test
  void trainSaveEvaluateRecommendRoundTrip(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("m");
    Run train =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "2",
            "--eval-negatives",
            "20",
            "--save",
            model.toString(),
            "--quiet",
            "--json");
    assertEquals(0, train.code(), train.err());
    JsonNode t = train.lastJson();
    assertTrue(t.path("hr@10").asDouble() > 0, train.out());
    assertEquals(2, t.path("epochs").asInt());
    assertTrue(t.has("train_seconds") && t.has("samples_per_s") && t.has("eval_seconds"));
    assertTrue(Files.exists(model.resolve("weights.safetensors")));

    Run eval =
        run(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            DATA,
            "--eval-negatives",
            "20",
            "--json");
    assertEquals(0, eval.code(), eval.err());
    assertEquals(
        t.path("hr@10").asDouble(),
        eval.lastJson().path("hr@10").asDouble(),
        1e-12,
        "same data, split and seed");

    String user =
        new ObjectMapper()
            .readTree(model.resolve("ids.json").toFile())
            .path("users")
            .get(0)
            .asText();
    Run rec = run("recommend", "--model", model.toString(), "--user", user, "-k", "3", "--json");
    assertEquals(0, rec.code(), rec.err());
    assertEquals(3, rec.lastJson().path("items").size());
  }

  /**
   * The closed-form baselines go through the same commands: fitted without epochs, saved,
   * evaluated, recommended.
   */
  @Test
  void closedFormBaselinesTrainSaveEvaluateAndRecommend(@TempDir Path tmp) throws Exception {
    for (String name : new String[] {"pop", "itemknn", "ease"}) {
      Path model = tmp.resolve(name);
      Run train =
          run(
              "train",
              "--model",
              name,
              "--data",
              DATA,
              "--eval-negatives",
              "20",
              "--save",
              model.toString(),
              "--quiet",
              "--json");
      assertEquals(0, train.code(), train.err());
      JsonNode t = train.lastJson();
      assertEquals(0, t.path("epochs").asInt(), name);
      assertTrue(t.path("stopped").asText().startsWith("closed form, fitted in"), train.out());
      Run eval =
          run(
              "evaluate",
              "--model",
              model.toString(),
              "--data",
              DATA,
              "--eval-negatives",
              "20",
              "--json");
      assertEquals(0, eval.code(), eval.err());
      assertEquals(
          t.path("hr@10").asDouble(),
          eval.lastJson().path("hr@10").asDouble(),
          1e-12,
          name + ": same scores after load");
      String user =
          new ObjectMapper()
              .readTree(model.resolve("ids.json").toFile())
              .path("users")
              .get(0)
              .asText();
      Run rec = run("recommend", "--model", model.toString(), "--user", user, "-k", "3", "--json");
      assertEquals(0, rec.code(), rec.err());
      assertEquals(3, rec.lastJson().path("items").size(), name);
    }
  }

  @Test
  void neumfPretrainingCanStartFromSavedStages(@TempDir Path tmp) {
    String[] sizes = {
      "train",
      "--data",
      DATA,
      "--factors",
      "4",
      "--layers",
      "16,8,4",
      "--eval-negatives",
      "20",
      "--epochs",
      "1"
    };
    Path gmf = tmp.resolve("gmf"), mlp = tmp.resolve("mlp.zip"), other = tmp.resolve("other");
    Run g = run(concat(sizes, "--model", "gmf", "--save", gmf.toString(), "--quiet"));
    assertEquals(0, g.code(), g.err());
    assertEquals(
        0, run(concat(sizes, "--model", "ncf", "--save", mlp.toString(), "--quiet")).code());

    Run full = run(concat(sizes, "--model", "neumf", "--pretrain"));
    assertEquals(0, full.code(), full.err());
    assertEquals(
        3,
        full.out().lines().filter(l -> l.strip().startsWith("epoch 1 ")).count(),
        "GMF, MLP, NeuMF: " + full.out());
    Run reused =
        run(
            concat(
                sizes,
                "--model",
                "neumf",
                "--pretrain",
                "--pretrained-gmf",
                gmf.toString(),
                "--pretrained-mlp",
                mlp.toString()));
    assertEquals(0, reused.code(), reused.err());
    assertEquals(
        1,
        reused.out().lines().filter(l -> l.strip().startsWith("epoch 1 ")).count(),
        "only the fine-tuning: " + reused.out());
    Run half =
        run(concat(sizes, "--model", "neumf", "--pretrain", "--pretrained-gmf", gmf.toString()));
    assertEquals(
        2,
        half.out().lines().filter(l -> l.strip().startsWith("epoch 1 ")).count(),
        "MLP and NeuMF: " + half.out());

    Run swapped =
        run(
            concat(
                sizes,
                "--model",
                "neumf",
                "--pretrain",
                "--pretrained-gmf",
                mlp.toString(),
                "--quiet"));
    assertTrue(
        swapped.code() != 0
            && swapped.err().contains("--pretrained-gmf")
            && swapped.err().contains("expected a gmf model, found ncf"),
        swapped.err());
    String[] otherData = sizes.clone();
    otherData[2] = "synthetic:kind=implicit,users=50,items=40,min=5,max=12";
    assertEquals(
        0, run(concat(otherData, "--model", "gmf", "--save", other.toString(), "--quiet")).code());
    Run wrongIds =
        run(
            concat(
                sizes,
                "--model",
                "neumf",
                "--pretrain",
                "--pretrained-gmf",
                other.toString(),
                "--quiet"));
    assertTrue(
        wrongIds.code() != 0 && wrongIds.err().contains("trained on other user/item ids"),
        wrongIds.err());
    Run noPretrain =
        run(concat(sizes, "--model", "neumf", "--pretrained-gmf", gmf.toString(), "--quiet"));
    assertTrue(
        noPretrain.code() != 0 && noPretrain.err().contains("need --pretrain"), noPretrain.err());
  }

  @Test
  void alphaWeighsTheStagesInTheCombinedModel(@TempDir Path tmp) throws Exception {
    String[] sizes = {
      "train",
      "--data",
      DATA,
      "--factors",
      "4",
      "--layers",
      "16,8,4",
      "--eval-negatives",
      "20",
      "--quiet",
      "--json"
    };
    Path gmf = tmp.resolve("gmf"), mlp = tmp.resolve("mlp");
    Run g = run(concat(sizes, "--model", "gmf", "--epochs", "2", "--save", gmf.toString()));
    Run m = run(concat(sizes, "--model", "ncf", "--epochs", "2", "--save", mlp.toString()));
    assertEquals(0, g.code() + m.code(), g.err() + m.err());
    // no fine-tuning: the combination as built; alpha 1 is exactly the GMF stage, alpha 0 the MLP
    // stage
    String[] combine =
        concat(
            sizes,
            "--model",
            "neumf",
            "--pretrain",
            "--pretrained-gmf",
            gmf.toString(),
            "--pretrained-mlp",
            mlp.toString(),
            "--finetune-epochs",
            "0");
    Run one = run(concat(combine, "--alpha", "1")), zero = run(concat(combine, "--alpha", "0"));
    assertEquals(0, one.code() + zero.code(), one.err() + zero.err());
    assertEquals(0, one.lastJson().path("epochs").asInt());
    for (String metric : new String[] {"hr@10", "ndcg@10", "mrr@10"}) {
      assertEquals(
          g.lastJson().path(metric).asDouble(),
          one.lastJson().path(metric).asDouble(),
          1e-12,
          metric);
      assertEquals(
          m.lastJson().path(metric).asDouble(),
          zero.lastJson().path(metric).asDouble(),
          1e-12,
          metric);
    }
    Run tuned =
        run(
            concat(
                sizes,
                "--model",
                "neumf",
                "--pretrain",
                "--pretrained-gmf",
                gmf.toString(),
                "--pretrained-mlp",
                mlp.toString(),
                "--finetune-epochs",
                "1",
                "--epochs",
                "5"));
    assertEquals(1, tuned.lastJson().path("epochs").asInt(), tuned.err());
    Run swaTooLate =
        run(
            concat(
                sizes,
                "--model",
                "neumf",
                "--pretrain",
                "--pretrained-gmf",
                gmf.toString(),
                "--pretrained-mlp",
                mlp.toString(),
                "--epochs",
                "5",
                "--swa",
                "3",
                "--finetune-epochs",
                "2"));
    assertTrue(
        swaTooLate.code() == ExitCode.USAGE
            && swaTooLate.err().contains("--swa 3 is beyond --finetune-epochs 2"),
        swaTooLate.err());
    Run stray = run(concat(sizes, "--model", "neumf", "--epochs", "1", "--finetune-epochs", "0"));
    assertTrue(
        stray.code() != 0 && stray.err().contains("--finetune-epochs needs --pretrain"),
        stray.err());
    Run bad = run(concat(combine, "--alpha", "1.5"));
    assertTrue(
        bad.code() == ExitCode.USAGE
            && bad.err().contains("--alpha")
            && bad.err().contains("[0, 1]"),
        bad.err());
    Run withoutPretrain = run(concat(sizes, "--model", "neumf", "--epochs", "1", "--alpha", "0.7"));
    assertTrue(
        withoutPretrain.code() != 0 && withoutPretrain.err().contains("--alpha needs --pretrain"),
        withoutPretrain.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void userErrorsAreOneLineWithNamedExitCodes(@TempDir Path tmp) {
    Run unknownModel = run("train", "--model", "nope", "--data", DATA, "--epochs", "1", "--quiet");
    assertEquals(ExitCode.USAGE, unknownModel.code());
    assertTrue(
        unknownModel.err().contains("unknown model 'nope'")
            && unknownModel.err().strip().lines().count() == 1,
        unknownModel.err());
    Run tooMany = run("train", "--model", "mf", "--data", DATA, "--epochs", "1", "--quiet");
    assertEquals(ExitCode.USAGE, tooMany.code());
    assertTrue(tooMany.err().contains("--eval-negatives 99"), tooMany.err());
    Run missing = run("evaluate", "--model", tmp.resolve("none").toString(), "--data", DATA);
    assertEquals(ExitCode.DATA, missing.code(), missing.err());
    Run badK =
        run("recommend", "--model", tmp.resolve("none").toString(), "--user", "1", "-k", "0");
    assertEquals(ExitCode.USAGE, badK.code(), badK.err());
    Run badSchedule =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "1",
            "--eval-negatives",
            "20",
            "--schedule",
            "cosine:3",
            "--quiet");
    assertEquals(ExitCode.USAGE, badSchedule.code(), badSchedule.err());
    assertTrue(
        badSchedule.err().contains("schedule")
            && badSchedule.err().contains("'cosine:3'")
            && badSchedule.err().strip().lines().count() == 1,
        badSchedule.err());
  }

  @Test
  void scheduleFlagAnnealsTheRateAndOverridesTheConfigFile(@TempDir Path tmp) throws Exception {
    Run plain =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "2",
            "--eval-negatives",
            "20",
            "--quiet",
            "--json");
    Run cosine =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "2",
            "--eval-negatives",
            "20",
            "--schedule",
            "cosine",
            "--quiet",
            "--json");
    assertEquals(0, cosine.code(), cosine.err());
    assertTrue(
        plain.lastJson().path("hr@10").asDouble() != cosine.lastJson().path("hr@10").asDouble()
            || plain.lastJson().path("ndcg@10").asDouble()
                != cosine.lastJson().path("ndcg@10").asDouble(),
        "the schedule changes training");
    Path cfg = tmp.resolve("c.yaml");
    Files.writeString(
        cfg,
        "model:\n  name: mf\ntrainer:\n  epochs: 2\n  schedule: cosine\nevaluation:\n  eval_negatives: 20\n");
    Run fromFile = run("train", "--config", cfg.toString(), "--data", DATA, "--quiet", "--json");
    assertEquals(0, fromFile.code(), fromFile.err());
    assertEquals(
        cosine.lastJson().path("hr@10").asDouble(),
        fromFile.lastJson().path("hr@10").asDouble(),
        0);
    Run overridden =
        run(
            "train",
            "--config",
            cfg.toString(),
            "--data",
            DATA,
            "--schedule",
            "constant",
            "--quiet",
            "--json");
    assertEquals(
        plain.lastJson().path("ndcg@10").asDouble(),
        overridden.lastJson().path("ndcg@10").asDouble(),
        0);
    Files.writeString(cfg, "model:\n  name: mf\ntrainer:\n  epochs: 2\n  schedule: sawtooth\n");
    Run badFile = run("train", "--config", cfg.toString(), "--data", DATA, "--quiet");
    assertTrue(
        badFile.code() != 0
            && badFile.err().contains("trainer.schedule")
            && badFile.err().contains("sawtooth"),
        badFile.err());
  }

  @Test
  void swaFlagAndConfigKeyAverageTheLastEpochs(@TempDir Path tmp) throws Exception {
    Run plain =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--eval-negatives",
            "20",
            "--quiet",
            "--json");
    Run swa =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--eval-negatives",
            "20",
            "--swa",
            "2",
            "--json");
    assertEquals(0, swa.code(), swa.err());
    assertTrue(swa.out().contains("weights averaged from epoch 2"), swa.out());
    assertTrue(
        plain.lastJson().path("hr@10").asDouble() != swa.lastJson().path("hr@10").asDouble()
            || plain.lastJson().path("ndcg@10").asDouble()
                != swa.lastJson().path("ndcg@10").asDouble(),
        "averaging changes the final model");
    Path cfg = tmp.resolve("s.yaml");
    Files.writeString(
        cfg,
        "model:\n  name: mf\ntrainer:\n  epochs: 3\n  swa: 2\nevaluation:\n  eval_negatives: 20\n");
    Run fromFile = run("train", "--config", cfg.toString(), "--data", DATA, "--quiet", "--json");
    assertEquals(
        swa.lastJson().path("ndcg@10").asDouble(),
        fromFile.lastJson().path("ndcg@10").asDouble(),
        0);
    Run late =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--eval-negatives",
            "20",
            "--swa",
            "4",
            "--quiet");
    assertEquals(ExitCode.USAGE, late.code(), late.err());
    assertTrue(late.err().contains("swa") && late.err().strip().lines().count() == 1, late.err());
    Files.writeString(cfg, "model:\n  name: mf\ntrainer:\n  epochs: 3\n  swa: -1\n");
    Run badFile = run("train", "--config", cfg.toString(), "--data", DATA, "--quiet");
    assertTrue(badFile.code() != 0 && badFile.err().contains("trainer.swa"), badFile.err());
  }

  @Test
  void evalEveryAndTheTestPartLabels(@TempDir Path tmp) throws Exception {
    Run onTest =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--eval-negatives",
            "20",
            "--json");
    assertEquals(0, onTest.code(), onTest.err());
    JsonNode t = onTest.lastJson();
    assertEquals("test", t.path("validated_on").asText(), onTest.out());
    assertTrue(
        t.has("best_epoch_on_test") && t.has("best_ndcg@10_on_test") && !t.has("best_epoch"),
        onTest.out());
    assertTrue(t.path("best_epoch_on_test").isInt(), onTest.out());
    assertTrue(onTest.out().contains("per-epoch metrics above are on the test part"), onTest.out());

    Run onVal =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--eval-negatives",
            "20",
            "--validation",
            "0.2",
            "--json");
    assertEquals("validation", onVal.lastJson().path("validated_on").asText(), onVal.out());
    assertTrue(onVal.lastJson().has("best_epoch"), onVal.out());

    Run every2 =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--eval-negatives",
            "20",
            "--eval-every",
            "2");
    assertEquals(0, every2.code(), every2.err());
    assertEquals(
        2,
        every2.out().lines().filter(l -> l.contains("epoch ") && l.contains("ndcg@10")).count(),
        every2.out()); // 2 and 3

    Path cfg = tmp.resolve("never.yaml");
    Files.writeString(
        cfg,
        "model:\n  name: mf\ntrainer:\n  epochs: 2\n  eval_every: 0\nevaluation:\n  eval_negatives: 20\n");
    Run never = run("train", "--config", cfg.toString(), "--data", DATA, "--json");
    assertEquals(0, never.code(), never.err());
    assertTrue(
        never.out().lines().noneMatch(l -> l.contains("epoch ") && l.contains("ndcg@10")),
        never.out());
    assertTrue(
        never.lastJson().has("ndcg@10") && !never.lastJson().has("validated_on"), never.out());

    Run peek =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--epochs",
            "3",
            "--patience",
            "1",
            "--quiet");
    assertEquals(ExitCode.USAGE, peek.code(), peek.err());
    assertTrue(
        peek.err().strip().lines().count() == 1 && peek.err().contains("--validation F"),
        peek.err());
    Run noWatch =
        run(
            "train",
            "--model",
            "mf",
            "--data",
            DATA,
            "--validation",
            "0.2",
            "--patience",
            "1",
            "--eval-every",
            "0",
            "--quiet");
    assertEquals(ExitCode.USAGE, noWatch.code(), noWatch.err());
  }
}
