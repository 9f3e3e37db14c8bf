package org.rec4j.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;

/**
 * Writes a comparison report of trained-model runs into a directory: one PNG per panel that has
 * data and a self-contained {@code index.html} (see the package documentation for the panels and
 * the write protocol).
 *
 * <pre>{@code
 * ExperimentResult r = Experiment.run(config, dataset);
 * ModelRun run = ModelRun.of("ncf", r);
 * List<Path> files = Report.write(Path.of("report"), "ncf vs widedeep", List.of(run, other));
 * }</pre>
 */
public final class Report {
  /** Name of the HTML page in the report directory. */
  public static final String INDEX = "index.html";

  static {
    headless();
  }

  private Report() {}

  /**
   * Renders the panels for {@code runs} and writes them, then {@code index.html}, into {@code dir}
   * (created if missing). Every file is written to a temporary file and renamed into place.
   *
   * @param dir the report directory
   * @param title the page title
   * @param runs the runs to compare, in display order (their position fixes their colour); names
   *     must be unique
   * @return the files written, PNGs in page order and then {@code index.html}
   * @throws IllegalArgumentException if there are no runs or two runs share a name (or a file-name
   *     slug)
   * @throws IOException if a file cannot be written; files already written stay, none is left
   *     half-written
   */
  public static List<Path> write(Path dir, String title, List<ModelRun> runs) throws IOException {
    headless();
    check(runs);
    List<Panel> panels = panels(runs);
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    List<byte[]> images = new ArrayList<>();
    for (Panel p : panels) {
      byte[] png = png(p);
      Path f = dir.resolve(p.file());
      AtomicFiles.write(f, png);
      written.add(f);
      images.add(png);
    }
    Path index = dir.resolve(INDEX);
    AtomicFiles.write(
        index, HtmlPage.render(title, runs, panels, images).getBytes(StandardCharsets.UTF_8));
    written.add(index);
    return written;
  }

  /** The panel drawn as a PNG image. */
  static byte[] png(Panel p) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
    if (!ImageIO.write(BitmapEncoder.getBufferedImage(p.chart()), "png", buf))
      throw new IOException("no PNG writer in this JDK");
    return buf.toByteArray();
  }

  /** Every panel with data for {@code runs}, in page order. */
  static List<Panel> panels(List<ModelRun> runs) {
    headless();
    List<Panel> out = new ArrayList<>();
    out.addAll(CommonPanels.trainingLoss(runs));
    out.addAll(CommonPanels.validation(runs));
    out.addAll(RatingPanels.errorBars(runs));
    out.addAll(RatingPanels.scatter(runs));
    out.addAll(RatingPanels.distribution(runs));
    out.addAll(RatingPanels.errors(runs));
    out.addAll(CommonPanels.size(runs));
    out.addAll(CommonPanels.convergence(runs));
    out.addAll(RankingPanels.atK(runs));
    out.addAll(RankingPanels.perUser(runs));
    return out;
  }

  private static void check(List<ModelRun> runs) {
    if (runs == null || runs.isEmpty())
      throw new IllegalArgumentException("a report needs at least one run, got none");
    Set<String> names = new HashSet<>();
    Map<String, String> slugs = new HashMap<>();
    for (ModelRun r : runs) {
      if (!names.add(r.name()))
        throw new IllegalArgumentException(
            "two runs are named '" + r.name() + "'; run names must be unique");
      String other = slugs.put(Labels.slug(r.name()), r.name());
      if (other != null) {
        throw new IllegalArgumentException(
            "runs '"
                + other
                + "' and '"
                + r.name()
                + "' would share the file name part '"
                + Labels.slug(r.name())
                + "'; rename one");
      }
    }
  }

  /**
   * Charts are drawn off-screen: no display is needed, unless the caller chose otherwise
   * explicitly.
   */
  private static void headless() {
    if (System.getProperty("java.awt.headless") == null)
      System.setProperty("java.awt.headless", "true");
  }
}
