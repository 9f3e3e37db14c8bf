package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.TrainCommandTest.Run;
import picocli.CommandLine;

/**
 * quickstart, compare and export end to end on tiny synthetic data, plus their parse-only checks
 * and errors.
 */
class WorkflowCommandTest {
  private static final String IMPLICIT = "synthetic:kind=implicit,users=60,items=40,min=5,max=12";

  @Test
  void everyCommandsHelpShowsExamples() {
    java.util.ArrayDeque<CommandLine> todo =
        new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
    int seen = 0;
    while (!todo.isEmpty()) {
      CommandLine c = todo.pop();
      todo.addAll(c.getSubcommands().values());
      String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String name = c.getCommandSpec().qualifiedName();
      assertTrue(
          help.contains("Examples:") || help.contains("Getting started:"),
          name + " help has no examples:\n" + help);
      assertTrue(
          help.contains("  " + name.replace("rec4j ", "rec4j ")) || c.getParent() == null,
          name + " examples use the command:\n" + help);
      seen++;
    }
    assertTrue(seen >= 11, "walked " + seen + " commands");
  }

  @Test
  void ctrTaskNeedsFeatureDataAndAKnownModel() {
    Run wrongData =
        TrainCommandTest.run(
            "train", "--model", "deepfm", "--task", "ctr", "--data", IMPLICIT, "--quiet");
    assertEquals(ExitCode.USAGE, wrongData.code());
    assertTrue(
        wrongData.err().contains("label = rating >= 4")
            && wrongData.err().contains("needs ratings"),
        "implicit data has no ratings to label clicks with: " + wrongData.err());
    Run wrongModel =
        TrainCommandTest.run(
            "train",
            "--model",
            "neumf",
            "--task",
            "ctr",
            "--data",
            "ml-100k:/nonexistent",
            "--quiet");
    assertEquals(ExitCode.USAGE, wrongModel.code());
    assertTrue(
        wrongModel.err().contains("--task ctr: neumf ranks user and item ids")
            && wrongModel.err().contains("deepfm"),
        wrongModel.err());
  }

  @Test
  void quickstartPrintsTheTableAndWritesTheReport(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("report");
    Run r =
        TrainCommandTest.run(
            "quickstart",
            "--out",
            out.toString(),
            "--users",
            "80",
            "--items",
            "50",
            "--epochs",
            "2",
            "--quiet",
            "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().contains("MAE") && r.out().contains("RMSE") && r.out().contains("parameters"),
        r.out());
    for (String m : QuickstartCommand.MODELS)
      assertTrue(r.out().contains("\n" + m + " "), m + " row in\n" + r.out());
    assertTrue(Files.exists(out.resolve("index.html")));
    JsonNode models = r.lastJson().path("models");
    assertEquals(3, models.size());
    for (JsonNode m : models)
      assertTrue(m.path("rmse").asDouble() > 0 && m.path("mae").asDouble() > 0, m.toString());
  }

  @Test
  void compareRanksSeveralModelsOnOneSplit(@TempDir Path tmp) throws Exception {
    Run r =
        TrainCommandTest.run(
            "compare",
            "--models",
            "mf,gmf",
            "--data",
            IMPLICIT,
            "--epochs",
            "2",
            "--eval-negatives",
            "20",
            "--quiet",
            "--report",
            tmp.resolve("rep").toString(),
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode models = r.lastJson().path("models");
    assertEquals("mf", models.get(0).path("model").asText());
    assertEquals("gmf", models.get(1).path("model").asText());
    assertTrue(models.get(1).has("p_value_vs_mf"), models.toString());
    assertTrue(r.out().contains("HR@10") && r.out().contains("NDCG@10"), r.out());
    Run bad = TrainCommandTest.run("compare", "--models", "mf,nope", "--data", IMPLICIT, "--quiet");
    assertEquals(ExitCode.USAGE, bad.code());
    assertTrue(bad.err().contains("unknown model 'nope'"), bad.err());
    CommandLine.ParseResult p =
        Main.commandLine()
            .parseArgs(
                "compare", "--models", "mf,gmf,ncf,neumf", "--data", IMPLICIT, "--factors", "8");
    assertEquals(4, ((CompareCommand) p.subcommand().commandSpec().userObject()).models.size());
  }

  @Test
  void exportWritesAZipThatLoadsAndRecommendRejectsUnknownUsers(@TempDir Path tmp)
      throws Exception {
    Path model = tmp.resolve("m");
    Run train =
        TrainCommandTest.run(
            "train",
            "--model",
            "gmf",
            "--data",
            IMPLICIT,
            "--epochs",
            "1",
            "--eval-negatives",
            "20",
            "--save",
            model.toString(),
            "--quiet");
    assertEquals(0, train.code(), train.err());
    Path zip = tmp.resolve("m.zip");
    Run ex =
        TrainCommandTest.run(
            "export", "--model", model.toString(), "--out", zip.toString(), "--json");
    assertEquals(0, ex.code(), ex.err());
    assertEquals(
        org.rec4j.artifact.ModelArtifact.sha256(zip), ex.lastJson().path("sha256").asText());
    String user =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(model.resolve("ids.json").toFile())
            .path("users")
            .get(0)
            .asText();
    Run fromDir =
        TrainCommandTest.run(
            "recommend", "--model", model.toString(), "--user", user, "-k", "5", "--json");
    Run fromZip =
        TrainCommandTest.run(
            "recommend", "--model", zip.toString(), "--user", user, "-k", "5", "--json");
    assertEquals(0, fromZip.code(), fromZip.err());
    assertEquals(fromDir.lastJson().path("items"), fromZip.lastJson().path("items"));
    Run unknown =
        TrainCommandTest.run("recommend", "--model", zip.toString(), "--user", "no-such-user");
    assertEquals(ExitCode.USAGE, unknown.code());
    assertTrue(
        unknown.err().contains("unknown user 'no-such-user'")
            && unknown.err().strip().lines().count() == 1,
        unknown.err());
    Path onnx = tmp.resolve("m.onnx");
    Run ox =
        TrainCommandTest.run(
            "export", "--model", zip.toString(), "--out", onnx.toString(), "--json");
    assertEquals(0, ox.code(), ox.err());
    assertEquals("onnx", ox.lastJson().path("format").asText());
    assertTrue(Files.size(onnx) > 100 && Files.exists(tmp.resolve("m.onnx.sha256")));
    Run badFormat =
        TrainCommandTest.run(
            "export", "--model", model.toString(), "--out", tmp.resolve("m.tar").toString());
    assertEquals(ExitCode.USAGE, badFormat.code());
    assertTrue(badFormat.err().contains("--format"), badFormat.err());
  }
}
