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

/** train / evaluate / recommend: parse-only checks and one small end-to-end round trip through an artifact. */
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
    CommandLine.ParseResult r = Main.commandLine().parseArgs("train", "--model", "neumf", "--data", DATA, "--layers", "64,32,16,8",
        "--factors", "8", "--epochs", "3", "--negatives", "4", "--lr", "0.01", "--batch", "128", "--threads", "2", "--seed", "9",
        "--pretrain", "--split", "loo", "-k", "5,10", "--json");
    TrainOptions t = ((TrainCommand) r.subcommand().commandSpec().userObject()).train;
    assertEquals("neumf", t.model);
    assertEquals(4, t.layers.length);
    assertEquals(2, t.ks.length);
    assertTrue(t.pretrain);
    var bad = org.junit.jupiter.api.Assertions.assertThrows(CommandLine.ParameterException.class,
        () -> Main.commandLine().parseArgs("train", "--model", "mf", "--data", DATA, "--epochs", "x"));
    assertTrue(bad.getMessage().contains("--epochs"), bad.getMessage());
  }

  @Test
  void trainSaveEvaluateRecommendRoundTrip(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("m");
    Run train = run("train", "--model", "mf", "--data", DATA, "--epochs", "2", "--eval-negatives", "20", "--save", model.toString(), "--quiet", "--json");
    assertEquals(0, train.code(), train.err());
    JsonNode t = train.lastJson();
    assertTrue(t.path("hr@10").asDouble() > 0, train.out());
    assertEquals(2, t.path("epochs").asInt());
    assertTrue(t.has("train_seconds") && t.has("samples_per_s") && t.has("eval_seconds"));
    assertTrue(Files.exists(model.resolve("weights.safetensors")));

    Run eval = run("evaluate", "--model", model.toString(), "--data", DATA, "--eval-negatives", "20", "--json");
    assertEquals(0, eval.code(), eval.err());
    assertEquals(t.path("hr@10").asDouble(), eval.lastJson().path("hr@10").asDouble(), 1e-12, "same data, split and seed");

    String user = new ObjectMapper().readTree(model.resolve("ids.json").toFile()).path("users").get(0).asText();
    Run rec = run("recommend", "--model", model.toString(), "--user", user, "-k", "3", "--json");
    assertEquals(0, rec.code(), rec.err());
    assertEquals(3, rec.lastJson().path("items").size());
  }

  @Test
  void userErrorsAreOneLineWithNamedExitCodes(@TempDir Path tmp) {
    Run unknownModel = run("train", "--model", "nope", "--data", DATA, "--epochs", "1", "--quiet");
    assertEquals(ExitCode.USAGE, unknownModel.code());
    assertTrue(unknownModel.err().contains("unknown model 'nope'") && unknownModel.err().strip().lines().count() == 1, unknownModel.err());
    Run tooMany = run("train", "--model", "mf", "--data", DATA, "--epochs", "1", "--quiet");
    assertEquals(ExitCode.USAGE, tooMany.code());
    assertTrue(tooMany.err().contains("--eval-negatives 99"), tooMany.err());
    Run missing = run("evaluate", "--model", tmp.resolve("none").toString(), "--data", DATA);
    assertEquals(ExitCode.DATA, missing.code(), missing.err());
    Run badK = run("recommend", "--model", tmp.resolve("none").toString(), "--user", "1", "-k", "0");
    assertEquals(ExitCode.USAGE, badK.code(), badK.err());
  }
}
