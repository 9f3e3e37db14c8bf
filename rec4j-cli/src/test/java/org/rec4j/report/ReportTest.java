package org.rec4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.train.EpochStats;
import org.rec4j.train.TrainingHistory;

/**
 * Reports of two tiny rating runs and one tiny ranking run: which files appear, their content, and
 * safe writes.
 */
class ReportTest {
  private static final String RATINGS = "synthetic:users=60,items=40,min=5,max=12";
  private static final String IMPLICIT = "synthetic:kind=implicit,users=60,items=40,min=5,max=12";
  private static final List<String> RATING_ONLY =
      List.of("rmse.png", "mae.png", "rating-distribution.png", "error-histogram.png");
  private static final List<String> RANKING_ONLY =
      List.of("hr-at-k.png", "ndcg-at-k.png", "recall-at-k.png", "per-user-ndcg-at-10.png");
  private static ModelRun mf, wide, ranked;

  @BeforeAll
  static void train() {
    mf = Runs.rating("mf", RATINGS, 3, 4, new int[] {8, 4}, 1e-2, 1);
    wide = Runs.rating("widedeep", RATINGS, 3, 4, new int[] {8, 4}, 1e-2, 2);
    ranked =
        Runs.ranking("mf", IMPLICIT, 2, 4, new int[] {8, 4}, 20, new int[] {1, 2, 5, 10}, 1e-2, 3);
  }

  @Test
  void ratingRunsGiveTheRatingPanelsAndAPageThatEmbedsThem(@TempDir Path dir) throws IOException {
    List<Path> files = Report.write(dir, "rating <test>", List.of(mf, wide));
    List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
    List<String> expected =
        new ArrayList<>(
            List.of(
                "training-loss.png",
                "validation-rmse.png",
                "scatter-mf.png",
                "scatter-widedeep.png",
                "parameters.png",
                "train-time.png",
                "convergence-rmse.png",
                Report.INDEX));
    expected.addAll(RATING_ONLY);
    assertTrue(names.containsAll(expected) && names.size() == expected.size(), names.toString());
    assertEquals(Report.INDEX, names.get(names.size() - 1));
    for (String n : RANKING_ONLY)
      assertFalse(Files.exists(dir.resolve(n)), n + " has no data for rating runs");
    for (Path f : files) {
      assertTrue(Files.isRegularFile(f), f.toString());
      if (f.toString().endsWith(".png")) assertPng(f);
    }
    try (Stream<Path> all = Files.list(dir)) {
      assertEquals(files.size(), all.count(), "no temporary or extra files");
    }
    String html = Files.readString(dir.resolve(Report.INDEX), StandardCharsets.UTF_8);
    assertTrue(html.contains("<title>rating &lt;test&gt;</title>"), "title is escaped");
    for (ModelRun r : List.of(mf, wide)) {
      assertTrue(html.contains(">" + r.name() + "<"), r.name());
      for (String k : List.of("rmse", "mae"))
        assertTrue(
            html.contains(String.format(Locale.ROOT, "%.4f", r.metrics().get(k))),
            r.name() + " " + k);
      assertTrue(
          html.contains(String.format(Locale.ROOT, "%,d", r.parameters())),
          r.name() + " parameters");
    }
    assertEquals(
        files.size() - 1, count(html, "src=\"data:image/png;base64,"), "every PNG is embedded");
    assertFalse(
        html.contains("<link") || html.contains("<script"),
        "self-contained, no external resources");
  }

  @Test
  void aRankingRunGivesCurvesOverKAndPerUserDistributionButNoRatingPanels(@TempDir Path dir)
      throws IOException {
    List<String> names =
        Report.write(dir, "ranking", List.of(ranked)).stream()
            .map(p -> p.getFileName().toString())
            .toList();
    assertTrue(names.containsAll(RANKING_ONLY), names.toString());
    assertTrue(
        names.containsAll(
            List.of("training-loss.png", "validation-ndcg-at-10.png", "parameters.png")),
        names.toString());
    for (String n : RATING_ONLY) assertFalse(names.contains(n), n);
    assertTrue(names.stream().noneMatch(n -> n.startsWith("scatter-")), names.toString());
    for (String n : RANKING_ONLY) assertPng(dir.resolve(n));
    String html = Files.readString(dir.resolve(Report.INDEX));
    assertTrue(html.contains(String.format(Locale.ROOT, "%.4f", ranked.metrics().get("ndcg@10"))));
  }

  @Test
  void testPredictionsMatchTheExperimentsOwnRmse() {
    for (ModelRun r : List.of(mf, wide)) {
      assertTrue(r.hasPredictions());
      double sq = 0;
      for (int i = 0; i < r.actual().length; i++)
        sq += Math.pow(r.predicted()[i] - r.actual()[i], 2);
      assertEquals(r.metrics().get("rmse"), Math.sqrt(sq / r.actual().length), 1e-4, r.name());
    }
    assertFalse(ranked.hasPredictions());
    assertEquals(Map.of(), mf.perUser());
    assertEquals(ranked.metrics().get("ndcg@10"), mean(ranked.perUser().get("ndcg@10")), 1e-9);
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("a.png");
    Files.writeString(target, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[1000]);
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(target));
    assertArrayEquals(new String[] {"a.png"}, list(dir));
    Path fresh = dir.resolve("b.png");
    assertThrows(
        IllegalStateException.class,
        () ->
            AtomicFiles.write(
                fresh,
                out -> {
                  throw new IllegalStateException("renderer failed");
                }));
    assertFalse(Files.exists(fresh));
    assertArrayEquals(new String[] {"a.png"}, list(dir));
  }

  @Test
  void aReportThatCannotReplaceAFileFailsWithoutLeftovers(@TempDir Path dir) throws IOException {
    Files.createDirectories(
        dir.resolve("training-loss.png").resolve("occupied")); // the first panel cannot be replaced
    assertThrows(IOException.class, () -> Report.write(dir, "t", List.of(ranked)));
    try (Stream<Path> all = Files.list(dir)) {
      List<String> left = all.map(p -> p.getFileName().toString()).toList();
      assertTrue(
          left.stream().noneMatch(n -> n.startsWith(".") || n.endsWith(".tmp")), left.toString());
    }
  }

  @Test
  void runsAreValidated() {
    assertThrows(
        IllegalArgumentException.class, () -> Report.write(Path.of("unused"), "t", List.of()));
    var dup =
        assertThrows(
            IllegalArgumentException.class,
            () -> Report.write(Path.of("unused"), "t", List.of(mf, mf)));
    assertTrue(dup.getMessage().contains("'mf'"), dup.getMessage());
    var bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ModelRun("x", null, Map.of(), 0, 1, new float[2], new float[3], null));
    assertTrue(bad.getMessage().contains("2 actual ratings but 3 predictions"), bad.getMessage());
  }

  @Test
  void aRunWithoutHistoryOrPredictionsGetsOnlyTheBars() {
    ModelRun bare =
        new ModelRun("bare", null, Map.of("hr@10", 0.5), 100, Double.NaN, null, null, null);
    List<String> files = Report.panels(List.of(bare)).stream().map(Panel::file).toList();
    assertEquals(
        List.of("parameters.png"), files, "one k is no curve; no history, no predictions, no time");
  }

  @Test
  void theSameRunsGiveByteIdenticalImages() throws IOException {
    List<EpochStats> epochs = new ArrayList<>();
    for (int e = 1; e <= 4; e++)
      epochs.add(new EpochStats(e, 1.0 / e, Map.of("rmse", 1 + 0.5 / e), 0.1 * e, 0, 1000, 1e-3));
    float[] actual = new float[6000], predicted = new float[6000];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = 1 + i % 5;
      predicted[i] = actual[i] + (float) Math.sin(i) * 0.8f;
    }
    ModelRun made =
        new ModelRun(
            "hand-made",
            new TrainingHistory(epochs, null, -1, Double.NaN),
            Map.of("rmse", 0.57, "mae", 0.5),
            1234,
            1.0,
            actual,
            predicted,
            null);
    // the panels that sample, jitter or bin; drawn twice from scratch
    List<String> random =
        List.of("scatter-hand-made.png", "rating-distribution.png", "error-histogram.png");
    List<Panel> a =
        Report.panels(List.of(made)).stream().filter(p -> random.contains(p.file())).toList();
    List<Panel> b =
        Report.panels(List.of(made)).stream().filter(p -> random.contains(p.file())).toList();
    assertEquals(random, a.stream().map(Panel::file).toList());
    for (int i = 0; i < a.size(); i++)
      assertArrayEquals(Report.png(a.get(i)), Report.png(b.get(i)), a.get(i).file());
  }

  @Test
  void nonFinitePredictionsAreReportedNotHidden() {
    float[] actual = {1, 2, 3, 4}, predicted = {Float.NaN, 2.5f, Float.POSITIVE_INFINITY, 4};
    ModelRun diverged =
        new ModelRun(
            "diverged", null, Map.of("rmse", Double.NaN), 10, 1.0, actual, predicted, null);
    Map<String, Panel> panels = new java.util.HashMap<>();
    for (Panel p : Report.panels(List.of(diverged))) panels.put(p.file(), p);
    assertTrue(
        panels
            .get("scatter-diverged.png")
            .caption()
            .contains("2 non-finite predictions are left out"));
    String label =
        panels
            .get("error-histogram.png")
            .chart()
            .getSeriesCollection()
            .iterator()
            .next()
            .getLabel();
    assertTrue(label.contains("2 non-finite"), label);
    ModelRun dead =
        new ModelRun(
            "dead",
            null,
            Map.of(),
            10,
            1.0,
            actual,
            new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN},
            null);
    List<String> files = Report.panels(List.of(dead)).stream().map(Panel::file).toList();
    assertFalse(files.contains("scatter-dead.png"), files.toString());
  }

  private static void assertPng(Path f) throws IOException {
    BufferedImage img = ImageIO.read(f.toFile());
    assertNotNull(img, f + " is not a readable image");
    assertEquals(ChartStyle.WIDTH, img.getWidth(), f.toString());
    assertEquals(ChartStyle.HEIGHT, img.getHeight(), f.toString());
    byte[] head = Arrays.copyOf(Files.readAllBytes(f), 8);
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        head,
        f + " has the PNG signature");
  }

  private static String[] list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
    return n;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }
}
