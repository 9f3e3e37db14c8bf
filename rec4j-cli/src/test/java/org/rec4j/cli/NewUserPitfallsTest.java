package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.TrainCommandTest.Run;

/**
 * What a new user hit (issue 16), each as the command they ran: the exit code and the one stderr
 * line they get now.
 */
class NewUserPitfallsTest {
  static final String RATINGS = "synthetic:users=40,items=30,min=5,max=10";
  static final String IMPLICIT = "synthetic:kind=implicit,users=40,items=30,min=5,max=10";

  static void assertOneLineError(Run r, int code, String... parts) {
    assertEquals(code, r.code(), r.err() + r.out());
    assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("WARNING")).count(), r.err());
    for (String p : parts) assertTrue(r.err().contains(p), "'" + p + "' in " + r.err());
  }

  @Test
  void aDivergedRunFailsWithAUsageErrorAndSavesNothing(@TempDir Path tmp) {
    for (String data : new String[] {RATINGS, IMPLICIT}) {
      Path save = tmp.resolve("m" + data.length());
      Run r =
          TrainCommandTest.run(
              "train",
              "--model",
              "mf",
              "--data",
              data,
              "--lr",
              "1e30",
              "--epochs",
              "2",
              "--eval-negatives",
              "20",
              "--quiet",
              "--save",
              save.toString());
      assertOneLineError(
          r,
          ExitCode.USAGE,
          "rec4j: error: training diverged at epoch 1, batch ",
          "lower the learning rate (--lr, now 1.0E30)");
      assertFalse(Files.exists(save), "no artifact for a diverged run");
    }
    // one batch per epoch: the weights blow up after the last loss, and validation must not score
    // them (it threw
    // "score of item 140 is NaN", an internal error)
    Run oneBatch =
        TrainCommandTest.run(
            "train",
            "--model",
            "mf",
            "--data",
            IMPLICIT,
            "--lr",
            "1e30",
            "--batch",
            "100000",
            "--epochs",
            "1",
            "--eval-negatives",
            "20",
            "--quiet");
    assertOneLineError(
        oneBatch,
        ExitCode.USAGE,
        "rec4j: error: training diverged by the end of epoch 1: parameter '",
        "lower the learning rate (--lr, now 1.0E30)");
  }

  @Test
  void csvMistakesGetMessagesNamingTheFileTheOptionAndTheValue(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
    assertOneLineError(
        TrainCommandTest.run("train", "--model", "mf", "--data", "csv:" + empty, "--quiet"),
        ExitCode.DATA,
        "rec4j: error: " + empty + ": no interactions: the file is empty");
    Path headerOnly = Files.writeString(tmp.resolve("header.csv"), "user,item,rating\n");
    assertOneLineError(
        TrainCommandTest.run(
            "train", "--model", "mf", "--data", "csv:" + headerOnly + "?header=true", "--quiet"),
        ExitCode.DATA,
        "no interactions: the file is empty or holds only its header line");

    Path three = Files.writeString(tmp.resolve("three.csv"), "1,10,4\n2,11,3\n3,12,5\n");
    assertOneLineError(
        TrainCommandTest.run("train", "--model", "mf", "--data", "csv:" + three, "--quiet"),
        ExitCode.USAGE,
        "rec4j: error: csv:"
            + three
            + ": split ratio:0.8 leaves the test part empty (3 interactions of 3 users and 3 items -> 3 train, 0 test)",
        "too little data");

    assertOneLineError(
        TrainCommandTest.run(
            "train", "--model", "mf", "--data", "csv:" + three + "?charset=bogus-cs", "--quiet"),
        ExitCode.USAGE,
        "rec4j: error: csv option charset: unknown charset 'bogus-cs'");
    assertOneLineError(
        TrainCommandTest.run("data", "stats", "--data", "csv:" + three + "?header=maybe"),
        ExitCode.USAGE,
        "rec4j: error: csv option header: expected true or false, got 'maybe'");
    assertOneLineError(
        TrainCommandTest.run("data", "stats", "--data", "ml-100k:" + tmp + "?header=true"),
        ExitCode.USAGE,
        "rec4j: error: format ml-100k takes no options, got [header]");
    Run yes =
        TrainCommandTest.run(
            "data",
            "stats",
            "--data",
            "csv:"
                + Files.writeString(tmp.resolve("h.csv"), "u,i,r\n1,10,4\n2,11,3\n")
                + "?header=yes");
    assertEquals(0, yes.code(), yes.err());
    assertTrue(yes.out().contains("2") && !yes.out().contains("interactions      3"), yes.out());
  }

  @Test
  void ratingRunsCountUsersNotRatingsAndPrintBestEpochAsAnInteger() throws Exception {
    // a validation part, so that the best epoch is one chosen on validation (best_epoch, not
    // best_epoch_on_test)
    Run r =
        TrainCommandTest.run(
            "train",
            "--model",
            "mf",
            "--data",
            RATINGS,
            "--epochs",
            "2",
            "--validation",
            "0.2",
            "--quiet",
            "--json");
    assertEquals(0, r.code(), r.err());
    var json = r.lastJson();
    assertEquals(
        40,
        json.path("users_evaluated").asInt(),
        "every one of the 40 users has test ratings; there are more ratings than that");
    assertTrue(json.path("best_epoch").isInt(), json.toString());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("best_epoch +[12]")), r.out());
  }

  @Test
  void recommendExcludesTheArtifactsSeenItemsUnlessAskedToIncludeThem(@TempDir Path tmp)
      throws Exception {
    Path model = tmp.resolve("m");
    Run t =
        TrainCommandTest.run(
            "train",
            "--model",
            "mf",
            "--data",
            IMPLICIT,
            "--epochs",
            "1",
            "--eval-negatives",
            "20",
            "--quiet",
            "--save",
            model.toString());
    assertEquals(0, t.code(), t.err());
    var l = org.rec4j.artifact.ModelArtifact.load(model);
    org.rec4j.data.Csr seen = ((org.rec4j.model.NeuralRecommender) l.model()).seen();
    String user = l.users().raw(0);
    java.util.Set<String> had = new java.util.HashSet<>();
    for (int i = 0; i < l.items().size(); i++) if (seen.contains(0, i)) had.add(l.items().raw(i));
    assertFalse(had.isEmpty());
    String all = Integer.toString(l.items().size());

    Run rec =
        TrainCommandTest.run(
            "recommend", "--model", model.toString(), "--user", user, "-k", all, "--json");
    assertEquals(0, rec.code(), rec.err());
    var json = rec.lastJson();
    assertTrue(json.path("excluded_seen").asBoolean(), json.toString());
    assertEquals(l.items().size() - had.size(), json.path("items").size());
    for (var it : json.path("items"))
      assertFalse(had.contains(it.path("item").asText()), it + " was seen in training");

    Run inc =
        TrainCommandTest.run(
            "recommend",
            "--model",
            model.toString(),
            "--user",
            user,
            "-k",
            all,
            "--include-seen",
            "--json");
    assertEquals(0, inc.code(), inc.err());
    assertFalse(inc.lastJson().path("excluded_seen").asBoolean());
    assertEquals(l.items().size(), inc.lastJson().path("items").size());

    assertOneLineError(
        TrainCommandTest.run(
            "recommend",
            "--model",
            model.toString(),
            "--user",
            user,
            "--include-seen",
            "--data",
            IMPLICIT),
        ExitCode.USAGE,
        "rec4j: error: --include-seen and --data");
  }

  @Test
  void savedAndExportedFilesGetTheSamePermissionsAsAnyNewFile(@TempDir Path tmp) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    var normalFile = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain.txt")));
    var normalDir = Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("plain-dir")));
    Path model = tmp.resolve("m");
    Run t =
        TrainCommandTest.run(
            "train",
            "--model",
            "mf",
            "--data",
            RATINGS,
            "--epochs",
            "1",
            "--quiet",
            "--save",
            model.toString());
    assertEquals(0, t.code(), t.err());
    assertEquals(normalDir, Files.getPosixFilePermissions(model), "artifact directory");
    try (var files = Files.list(model)) {
      for (Path f : files.toList())
        assertEquals(normalFile, Files.getPosixFilePermissions(f), f.toString());
    }
    Run z =
        TrainCommandTest.run(
            "train",
            "--model",
            "mf",
            "--data",
            RATINGS,
            "--epochs",
            "1",
            "--quiet",
            "--save",
            tmp.resolve("s.zip").toString());
    assertEquals(0, z.code(), z.err());
    for (String out : new String[] {"m.zip", "m.onnx"}) {
      Run e =
          TrainCommandTest.run(
              "export", "--model", model.toString(), "--out", tmp.resolve(out).toString());
      assertEquals(0, e.code(), e.err());
    }
    Run copy =
        TrainCommandTest.run(
            "export",
            "--model",
            tmp.resolve("m.zip").toString(),
            "--out",
            tmp.resolve("copy.zip").toString());
    assertEquals(0, copy.code(), copy.err());
    for (String f : new String[] {"s.zip", "m.zip", "m.onnx", "copy.zip"}) {
      assertEquals(normalFile, Files.getPosixFilePermissions(tmp.resolve(f)), f);
    }
    try (var left = Files.list(tmp)) {
      assertTrue(
          left.noneMatch(p -> p.getFileName().toString().contains(".tmp-")),
          "no temporary files left");
    }
  }

  @Test
  void evaluateWarnsOnOtherDataAndRefusesIdsThatDoNotLineUp(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("m");
    Run t =
        TrainCommandTest.run(
            "train",
            "--model",
            "mf",
            "--data",
            RATINGS,
            "--epochs",
            "1",
            "--quiet",
            "--save",
            model.toString());
    assertEquals(0, t.code(), t.err());

    Run same =
        TrainCommandTest.run("evaluate", "--model", model.toString(), "--data", RATINGS, "--json");
    assertEquals(0, same.code(), same.err());
    assertFalse(same.err().contains("warning"), same.err());

    Run otherSplit =
        TrainCommandTest.run(
            "evaluate", "--model", model.toString(), "--data", RATINGS, "--seed", "7", "--json");
    assertEquals(0, otherSplit.code(), otherSplit.err());
    assertEquals(1, otherSplit.err().strip().lines().count(), otherSplit.err());
    assertTrue(
        otherSplit
            .err()
            .startsWith(
                "rec4j: warning: the training part of --data "
                    + RATINGS
                    + " (split ratio:0.8) is not the data the model"
                    + " was trained on ("
                    + RATINGS
                    + ", split ratio:0.8): "),
        otherSplit.err());
    assertTrue(otherSplit.lastJson().has("rmse"));

    Run otherData =
        TrainCommandTest.run(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            "synthetic:users=40,items=30,min=5,max=10,seed=3");
    assertEquals(0, otherData.code(), otherData.err());
    assertTrue(
        otherData.err().contains("rec4j: warning: the training part of --data synthetic:users=40"),
        otherData.err());

    Run bigger =
        TrainCommandTest.run(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            "synthetic:users=400,items=30,min=5,max=10");
    assertOneLineError(
        bigger,
        ExitCode.USAGE,
        "rec4j: error: --data synthetic:users=400,items=30,min=5,max=10: ",
        "test interactions (",
        "name users or items the model does not know (the model knows 40 users and 30 items, the data has 400 and 30):"
            + " the id spaces are incompatible; evaluate on the data the model was trained on ("
            + RATINGS
            + ", split ratio:0.8)");
  }
}
