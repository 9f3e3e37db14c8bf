package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.io.DataSpec;
import picocli.CommandLine;

class Rec4jCommandTest {
  @TempDir Path dir;

  /** Output of one run. */
  record Run(int code, String out, String err) {
    JsonNode lastJson() throws Exception {
      String[] lines = out.strip().split("\n");
      return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void parsesDataSpecsWithoutRunning() {
    CommandLine cli = Main.commandLine();
    CommandLine.ParseResult r =
        cli.parseArgs(
            "data",
            "stats",
            "--data",
            "ml-1m:../shared/data/ml-1m/ratings_reconstructed.dat",
            "--json");
    CommandLine.ParseResult stats = r.subcommand().subcommand();
    DataSpec spec = stats.matchedOptionValue("--data", null);
    assertEquals(DataSpec.Format.ML_1M, spec.format());
    assertEquals("../shared/data/ml-1m/ratings_reconstructed.dat", spec.path());
    assertTrue(stats.hasMatchedOption("--json"));
    CommandLine.ParseResult s =
        Main.commandLine().parseArgs("data", "stats", "--data", "synthetic:users=10");
    assertEquals(
        "10",
        ((DataSpec) s.subcommand().subcommand().matchedOptionValue("--data", null))
            .options()
            .get("users"));
    CommandLine.ParseResult fetch =
        Main.commandLine()
            .parseArgs(
                "data", "fetch", "ml-1m", "--cache", "/tmp/c", "--url", "http://127.0.0.1:1/x.zip");
    assertEquals("ml-1m", fetch.subcommand().subcommand().matchedPositional(0).getValue());
    assertThrows(
        CommandLine.ParameterException.class,
        () -> Main.commandLine().parseArgs("data", "stats", "--data", "nope:x"));
    assertThrows(
        CommandLine.ParameterException.class, () -> Main.commandLine().parseArgs("data", "stats"));
    CommandLine.ParseResult split =
        Main.commandLine()
            .parseArgs(
                "data",
                "split",
                "--data",
                "synthetic:",
                "--split",
                "random-user:0.2,0.1",
                "--out",
                "o",
                "--seed",
                "7");
    assertEquals(
        "random-user:0.2,0.1",
        split.subcommand().subcommand().matchedOptionValue("--split", null).toString());
    assertThrows(
        CommandLine.ParameterException.class,
        () ->
            Main.commandLine()
                .parseArgs(
                    "data",
                    "split",
                    "--data",
                    "synthetic:",
                    "--split",
                    "kfold:5,1,2",
                    "--out",
                    "o"));
  }

  @Test
  void statsOnSyntheticDataEndsWithOneJsonLine() throws Exception {
    Run r = run("data", "stats", "--data", "synthetic:", "--json");
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode json = r.lastJson();
    assertEquals(500, json.get("users").asInt());
    assertTrue(json.get("items").asInt() <= 300);
    assertTrue(json.get("interactions").asInt() >= 2500);
    assertTrue(json.get("density").asDouble() > 0);
    assertTrue(json.get("seconds").asDouble() >= 0);
  }

  @Test
  void exitCodesAndOneLineErrors() {
    Run usage = run("data", "stats", "--data", "movielens:x");
    assertEquals(ExitCode.USAGE, usage.code());
    assertTrue(usage.err().startsWith("rec4j: error: "), usage.err());
    assertTrue(usage.err().contains("ml-1m"), usage.err());
    Run missing = run("data", "stats", "--data", "ml-1m:" + dir.resolve("none.dat"));
    assertEquals(ExitCode.DATA, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().contains("file not found"), missing.err());
    Run trace = run("data", "stats", "--data", "ml-1m:" + dir.resolve("none.dat"), "--stacktrace");
    assertTrue(trace.err().lines().count() > 2, trace.err());
    assertEquals(ExitCode.USAGE, run("data", "bogus").code());
  }

  @Test
  void malformedFileIsADataErrorNamingFileAndLine() throws Exception {
    Path f = dir.resolve("r.dat");
    Files.writeString(f, "1::2::5::0\n1::3::five::0\n");
    Run r = run("data", "stats", "--data", "ml-1m:" + f);
    assertEquals(ExitCode.DATA, r.code());
    assertTrue(r.err().contains("r.dat:2:"), r.err());
  }

  @Test
  void splitWritesThreeFiles() throws Exception {
    Run r =
        run(
            "data",
            "split",
            "--data",
            "synthetic:users=30,items=40",
            "--split",
            "loo:val",
            "--out",
            dir.toString(),
            "--json");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals(30, r.lastJson().get("test").asInt());
    assertEquals(30, Files.readAllLines(dir.resolve("test.tsv")).size());
    assertTrue(Files.exists(dir.resolve("validation.tsv")));
  }
}
