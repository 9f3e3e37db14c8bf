package org.rec4j.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
  @TempDir Path dir;

  private RunConfig read(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return ConfigReader.read(f);
  }

  private String error(String name, String text) {
    return assertThrows(IllegalArgumentException.class, () -> read(name, text)).getMessage();
  }

  @Test
  void bindsEverySectionFromYaml() throws Exception {
    RunConfig c =
        read(
            "a.yaml",
            """
            # comment
            data:
              spec: synthetic:kind=implicit
              split: loo
            model:
              name: neumf
              factors: 16
              layers: [64, 32]
              dropout: 0.2
              batch_norm: true
              cross_buckets: 10
              init_std: 0.05
              pretrain: true
              finetune_sgd: false
            trainer:
              task: implicit
              objective: bpr
              epochs: 3
              batch: 128
              optimizer: adamw
              lr: 1.0e-2
              l2: 0.001
              negatives: 2
              threads: 2
              seed: 7
              validation: 0.1
              patience: 4
              monitor: hr@10
            evaluation:
              protocol: full
              k: [5, 20]
              eval_negatives: 50
            """);
    assertEquals(new RunConfig.Data("synthetic:kind=implicit", "loo"), c.data());
    assertEquals(
        new RunConfig.Model(
            "neumf",
            16,
            List.of(64, 32),
            0.2f,
            true,
            10,
            0.05f,
            null,
            true,
            false,
            null,
            null,
            null,
            null),
        c.model());
    assertEquals(
        new RunConfig.Trainer(
            "implicit", "bpr", 3, 128, "adamw", 0.01, 0.001f, 2, 2, 7L, 0.1, 4, "hr@10"),
        c.trainer());
    assertEquals(new RunConfig.Evaluation("full", List.of(5, 20), 50), c.evaluation());
  }

  @Test
  void bindsJsonAndLeavesUnsetKeysNull() throws Exception {
    RunConfig c = read("a.json", "{\"model\": {\"name\": \"mf\"}, \"trainer\": {\"epochs\": 2}}");
    assertEquals("mf", c.model().name());
    assertEquals(2, c.trainer().epochs());
    assertNull(c.trainer().lr());
    assertNull(c.data().spec());
    assertEquals(RunConfig.EMPTY, read("empty.yml", "# nothing yet\n"));
  }

  @Test
  void unknownKeysNameFileLineSectionAndTheClosestKey() {
    String m = error("x.yaml", "model:\n  name: mf\ntrainer:\n  epochs: 3\n  learning_rate: 0.1\n");
    assertTrue(
        m.startsWith(
            dir.resolve("x.yaml")
                + ":5: unknown key 'trainer.learning_rate'; did you mean 'trainer.lr'? (valid in trainer: task, "),
        m);
    m = error("x.yaml", "modle:\n  name: mf\n");
    assertTrue(
        m.endsWith(
            ":1: unknown key 'modle'; did you mean 'model'? (valid sections: data, model, trainer, evaluation)"),
        m);
    m = error("x.yaml", "trainer:\n  factors: 8\n");
    assertTrue(m.contains(":2: unknown key 'trainer.factors'; did you mean 'model.factors'?"), m);
    m = error("x.json", "{\n  \"evaluation\": {\n    \"ks\": [5]\n  }\n}");
    assertTrue(
        m.contains("x.json:3: unknown key 'evaluation.ks'; did you mean 'evaluation.k'?"), m);
    m = error("x.yaml", "data:\n  colour: blue\n");
    assertTrue(m.endsWith(":2: unknown key 'data.colour' (valid in data: spec, split)"), m);
  }

  @Test
  void invalidValuesNameTheKeyAndWhatIsAllowed() {
    assertTrue(
        error("x.yaml", "trainer:\n  seed: 1\n  epochs: -3\n")
            .endsWith("x.yaml:3: trainer.epochs: expected an integer >= 1, got -3"));
    assertTrue(
        error("x.yaml", "trainer:\n  epochs: many\n")
            .endsWith(":2: trainer.epochs: expected an integer, got 'many'"));
    assertTrue(
        error("x.json", "{\"trainer\": {\"epochs\": 2.5}}")
            .endsWith(":1: trainer.epochs: expected an integer, got 2.5"));
    assertTrue(
        error("x.yaml", "trainer:\n  lr: 0\n")
            .endsWith(":2: trainer.lr: expected a number > 0, got 0.0"));
    assertTrue(
        error("x.yaml", "trainer:\n  optimizer: adm\n")
            .contains(
                ":2: trainer.optimizer: unknown optimizer 'adm'; expected one of adam, adamw"));
    assertTrue(
        error("x.yaml", "trainer:\n  task: ranking\n")
            .endsWith(":2: trainer.task: expected rating, implicit or ctr, got ranking"));
    assertTrue(
        error("x.yaml", "model:\n  name: nmf\n")
            .contains(":2: model.name: expected one of mf, gmf, ncf, neumf, widedeep"));
    assertTrue(
        error("x.yaml", "model:\n  dropout: 1.5\n")
            .endsWith(":2: model.dropout: expected a number in [0, 1), got 1.5"));
    assertTrue(
        error("x.yaml", "evaluation:\n  k: [5, 0]\n")
            .endsWith(":2: evaluation.k: expected a list of integers >= 1, got [5, 0]"));
    assertTrue(
        error("x.yaml", "evaluation:\n  protocol: loo\n")
            .contains(
                ":2: evaluation.protocol: unknown protocol 'loo'; expected sampled, full, rating or ctr"));
    assertTrue(
        error("x.yaml", "data:\n  spec: movielens:x\n")
            .contains(":2: data.spec: unknown data format 'movielens'"));
    assertTrue(
        error("x.yaml", "trainer: 5\n")
            .contains(":1: trainer: expected a section of key: value lines (task, objective"));
    assertTrue(
        error("x.yaml", "model:\n  batch_norm: maybe\n")
            .contains("model.batch_norm: expected true or false, got 'maybe'"));
    String syntax = error("x.yaml", "model: [1\n");
    assertTrue(syntax.matches(".*x\\.yaml:\\d: malformed YAML: .*expected ',' or ']'.*"), syntax);
    assertTrue(error("x.json", "{\"model\": }").contains("x.json:1: malformed JSON: "));
    assertTrue(error("x.txt", "model: {}\n").contains("expected a .yaml, .yml or .json file"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> ConfigReader.read(dir.resolve("no.yaml")))
            .getMessage()
            .endsWith("no.yaml: no such file"));
    for (String m :
        List.of(
            error("x.yaml", "trainer:\n  epochs: -3\n"),
            error("x.yaml", "trainr:\n  epochs: 3\n"))) {
      assertEquals(1, m.lines().count(), m);
    }
  }

  @Test
  void writerOutputReadsBackEqual() throws Exception {
    RunConfig c =
        new RunConfig(
            new RunConfig.Data("synthetic:", "ratio:0.8"),
            new RunConfig.Model(
                "mf",
                10,
                List.of(20, 20, 10),
                0.1f,
                false,
                0,
                0.01f,
                null,
                false,
                false,
                null,
                null,
                0.5f,
                null),
            new RunConfig.Trainer(
                "rating", "mse", 50, 64, "adam", 1e-4, 0f, 0, 1, 42L, 0.0, 0, "rmse"),
            new RunConfig.Evaluation("rating", List.of(10), 99));
    assertEquals(c, read("w.yaml", ConfigWriter.yaml(c)));
    assertEquals(c, read("w.json", ConfigWriter.json(c)));
    assertEquals(1, ConfigWriter.json(c).lines().count());
  }
}
