package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.config.ConfigReader;
import org.rec4j.cli.config.RunConfig;
import org.rec4j.data.io.DataSpec;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.model.IdModelSettings;
import picocli.CommandLine;

/** --config on train and {@code rec4j config show}: layering, error reporting, round trip. */
class ConfigCommandTest {
  private static final String DATA = "synthetic:kind=implicit,users=60,items=40,min=5,max=12";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** Parses {@code train ARGS} without running and resolves the experiment as train would. */
  private static ExperimentConfig resolveTrain(String... args) {
    List<String> all = new ArrayList<>(List.of("train"));
    all.addAll(List.of(args));
    CommandLine.ParseResult r = Main.commandLine().parseArgs(all.toArray(String[]::new));
    TrainCommand t = (TrainCommand) r.subcommand().commandSpec().userObject();
    DataSpec spec = t.config.apply(t.train);
    return t.train.resolve(spec, spec.load());
  }

  @Test
  void flagsOverrideTheFileWhichOverridesTheDefaults() throws Exception {
    Path f =
        file(
            "c.yaml",
            """
            data:
              spec: %s
            model:
              name: ncf
              factors: 16
              batch_norm: true
            trainer:
              epochs: 7
              lr: 0.01
              seed: 5
            evaluation:
              k: [5, 10]
              eval_negatives: 20
            """
                .formatted(DATA));
    ExperimentConfig fileOnly = resolveTrain("--config", f.toString());
    assertEquals("ncf", fileOnly.model());
    assertEquals(16, fileOnly.settings().get(IdModelSettings.FACTORS));
    assertEquals(7, fileOnly.trainer().epochs());
    assertEquals(0.01, fileOnly.trainer().learningRate());
    assertTrue(fileOnly.settings().get(IdModelSettings.BATCH_NORM));
    assertArrayEquals(new int[] {5, 10}, fileOnly.ks());
    assertEquals(
        256, fileOnly.trainer().batchSize(), "implicit default: neither file nor flag sets batch");
    assertEquals(4, fileOnly.trainer().negatives(), "implicit default");
    assertArrayEquals(
        new int[] {128, 64, 32, 16},
        fileOnly.settings().get(IdModelSettings.LAYERS),
        "default layers follow the file's factors");
    assertEquals(
        "ndcg@5", fileOnly.trainer().monitor(), "default monitor follows the file's first k");

    ExperimentConfig flags =
        resolveTrain(
            "--config",
            f.toString(),
            "--epochs",
            "2",
            "--model",
            "neumf",
            "--factors",
            "4",
            "-k",
            "20",
            "--batch",
            "32",
            "--data",
            "synthetic:kind=implicit,users=50,items=40,min=5,max=12");
    assertEquals(2, flags.trainer().epochs());
    assertEquals("neumf", flags.model());
    assertEquals(4, flags.settings().get(IdModelSettings.FACTORS));
    assertArrayEquals(new int[] {20}, flags.ks());
    assertEquals(32, flags.trainer().batchSize());
    assertEquals("50", flags.data().options().get("users"), "--data overrides data.spec");
    assertEquals(0.01, flags.trainer().learningRate(), "unset flag keeps the file's value");
    assertEquals(5, flags.trainer().seed());
    assertEquals(20, flags.sampledNegatives());

    assertTrue(
        flags.settings().get(IdModelSettings.BATCH_NORM),
        "a switch the flags leave alone keeps the file's value");
    assertFalse(
        resolveTrain("--config", f.toString(), "--no-batch-norm")
            .settings()
            .get(IdModelSettings.BATCH_NORM),
        "--no-batch-norm beats the file");
    Path off =
        file(
            "off.yaml",
            "data:\n  spec: "
                + DATA
                + "\nmodel:\n  name: neumf\n  pretrain: false\nevaluation:\n  eval_negatives: 20\n");
    assertTrue(
        resolveTrain("--config", off.toString(), "--pretrain").pretrain().enabled(),
        "--pretrain beats the file");
    assertFalse(resolveTrain("--config", off.toString()).pretrain().enabled());

    ExperimentConfig none =
        resolveTrain("--model", "gmf", "--data", DATA, "--eval-negatives", "20");
    assertEquals(20, none.trainer().epochs(), "without a file the defaults are as before");
    assertEquals(8, none.settings().get(IdModelSettings.FACTORS));
    assertFalse(none.settings().has("batch_norm"), "gmf has no batch norm");
  }

  @Test
  void ratingDefaultsFollowTheFilesTask() throws Exception {
    Path f =
        file(
            "r.json",
            "{\"data\": {\"spec\": \"synthetic:users=40,items=30\"}, \"model\": {\"name\": \"mf\"}}");
    ExperimentConfig c = resolveTrain("--config", f.toString());
    assertEquals(50, c.trainer().epochs());
    assertEquals(10, c.settings().get(IdModelSettings.FACTORS));
    assertEquals("ratio:0.8", c.split().toString());
    assertFalse(c.settings().has("dropout"), "mf has no dropout");
    assertEquals(
        0.1,
        resolveTrain("--config", f.toString(), "--model", "ncf")
            .settings()
            .get(IdModelSettings.DROPOUT),
        "rating default of the models that have it");
  }

  @Test
  void configErrorsAreOneLineUsageErrors() throws Exception {
    Path unknown =
        file(
            "u.yaml",
            "data:\n  spec: "
                + DATA
                + "\nmodel:\n  name: mf\ntrainer:\n  epochs: 1\n  learning_rate: 0.1\n");
    for (String cmd : List.of("train", "config show")) {
      List<String> args = new ArrayList<>(List.of(cmd.split(" ")));
      args.addAll(List.of("--config", unknown.toString(), "--quiet"));
      if (cmd.startsWith("config")) args.remove("--quiet");
      Run r = run(args.toArray(String[]::new));
      assertEquals(ExitCode.USAGE, r.code(), r.err());
      assertEquals(
          "rec4j: error: "
              + unknown
              + ":7: unknown key 'trainer.learning_rate'; did you mean 'trainer.lr'? (valid in trainer: "
              + "task, objective, epochs, batch, optimizer, lr, l2, negatives, threads, seed, validation, patience, monitor, schedule, swa, eval_every)",
          r.err().strip());
    }
    Path bad = file("b.yaml", "model:\n  name: mf\ntrainer:\n  epochs: -3\n");
    Run r = run("train", "--config", bad.toString(), "--data", DATA);
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals(
        "rec4j: error: " + bad + ":4: trainer.epochs: expected an integer >= 1, got -3",
        r.err().strip());
    Run noModel = run("config", "show", "--data", DATA);
    assertEquals(ExitCode.USAGE, noModel.code());
    assertEquals(
        "rec4j: error: missing --model NAME (or model.name in --config FILE)",
        noModel.err().strip());
    Run table = run("config", "show", "--model", "ease");
    assertEquals(ExitCode.OK, table.code(), table.err());
    assertTrue(table.out().contains("lambda") && table.out().contains("default 500"), table.out());
    Run noData = run("config", "show", "--model", "mf", "--json");
    assertEquals(ExitCode.USAGE, noData.code());
    assertTrue(
        noData.err().contains("missing --data FORMAT:PATH (or data.spec in --config FILE)"),
        noData.err());
    Run missingData =
        run("config", "show", "--model", "mf", "--data", "ncf:" + dir.resolve("none"));
    assertEquals(ExitCode.DATA, missingData.code());
    assertEquals(1, missingData.err().strip().lines().count(), missingData.err());
    assertTrue(missingData.err().contains("no such file or folder"), missingData.err());
  }

  @Test
  void showPrintsYamlThatResolvesToTheSameConfig() throws Exception {
    Path f =
        file(
            "c.yaml",
            "data:\n  spec: "
                + DATA
                + "\nmodel:\n  name: neumf\n  pretrain: true\ntrainer:\n  epochs: 3\n");
    Run first =
        run(
            "config",
            "show",
            "--config",
            f.toString(),
            "--lr",
            "0.005",
            "--eval-negatives",
            "20",
            "--batch-norm");
    assertEquals(ExitCode.OK, first.code(), first.err());
    assertTrue(
        first.out().contains("lr: 0.005")
            && first.out().contains("epochs: 3")
            && first.out().contains("batch: 256"),
        first.out());
    Path shown = file("shown.yaml", first.out());
    Run second = run("config", "show", "--config", shown.toString());
    assertEquals(ExitCode.OK, second.code(), second.err());
    assertEquals(first.out(), second.out());
    assertEquals(
        RunConfig.of(resolveTrain("--config", shown.toString())),
        ConfigReader.read(shown),
        "every key is set");

    Run json = run("config", "show", "--config", shown.toString(), "--json");
    assertEquals(1, json.out().strip().lines().count());
    assertEquals(ConfigReader.read(shown), ConfigReader.read(file("shown.json", json.out())));
  }

  @Test
  void showRoundTripsRandomFlagCombinations() throws Exception {
    long seed = 5L;
    Random r = new Random(seed);
    String[] models = {"mf", "gmf", "ncf", "neumf", "widedeep"};
    for (int t = 0; t < 12; t++) {
      boolean rating = r.nextBoolean();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "config",
                  "show",
                  "--model",
                  models[r.nextInt(models.length)],
                  "--data",
                  rating ? "synthetic:users=30,items=30,min=3,max=8" : DATA,
                  "--eval-negatives",
                  "20"));
      if (r.nextBoolean()) args.addAll(List.of("--epochs", Integer.toString(1 + r.nextInt(30))));
      if (r.nextBoolean()) args.addAll(List.of("--factors", Integer.toString(1 + r.nextInt(64))));
      if (r.nextBoolean())
        args.addAll(List.of("--lr", Double.toString(Math.pow(10, -1 - 4 * r.nextDouble()))));
      if (r.nextBoolean()) args.addAll(List.of("--l2", Float.toString(r.nextFloat() / 100)));
      if (r.nextBoolean())
        args.addAll(List.of("--optimizer", new String[] {"sgd", "adamw", "ftrl"}[r.nextInt(3)]));
      if (r.nextBoolean())
        args.addAll(
            List.of("--validation", Double.toString(r.nextDouble() * 0.4), "--patience", "2"));
      if (r.nextBoolean())
        args.addAll(List.of("--split", rating ? "random:0.2,0.1" : "loo-random:val"));
      if (r.nextBoolean()) args.add("--batch-norm");
      if (!rating && r.nextBoolean()) args.addAll(List.of("--protocol", "full", "-k", "3,7"));
      Run shown = run(args.toArray(String[]::new));
      assertEquals(ExitCode.OK, shown.code(), "seed " + seed + " " + args + ": " + shown.err());
      Path f = file("r" + t + ".yaml", shown.out());
      Run again = run("config", "show", "--config", f.toString());
      assertEquals(shown.out(), again.out(), "seed " + seed + " " + args);
    }
  }

  @Test
  void configShowParsesTrainFlags() {
    CommandLine.ParseResult p =
        Main.commandLine()
            .parseArgs("config", "show", "--config", "x.yaml", "--epochs", "3", "--json");
    ConfigShowCommand c =
        (ConfigShowCommand) p.subcommand().subcommand().commandSpec().userObject();
    assertEquals(Path.of("x.yaml"), c.config.file);
    assertEquals(3, c.train.epochs);
    assertTrue(c.json.enabled());
    Run help = run("config", "show", "--help");
    assertTrue(help.out().contains("Examples:") && help.out().contains("--config"), help.out());
  }
}
