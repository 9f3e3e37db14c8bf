/**
 * Comparison reports of trained-model runs: PNG charts and one self-contained {@code index.html}.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Input.</b> A {@link org.rec4j.report.ModelRun} is everything a report needs from one run
 *       and nothing more: name, training history, final metrics, parameter count, training seconds,
 *       test predictions ({@code actual}/{@code predicted}, rating runs) and per-user ranking
 *       metrics (ranking runs). It is built from an {@link org.rec4j.experiment.ExperimentResult}
 *       by {@code ModelRun.of}; rating runs' test pairs (the result's test part) are scored through
 *       the model's inference path ({@link org.rec4j.eval.Scorer#scorePairs}, no autograd). Reports
 *       never train or evaluate anything.
 *   <li><b>Panels.</b> A panel is a file name, a title, a caption and an XChart chart. Each panel
 *       builder ({@code CommonPanels}, {@code RatingPanels}, {@code RankingPanels}) looks at the
 *       runs and returns only the panels it has data for: a chart of nothing is skipped, never
 *       drawn empty. The panels, in page order: training loss per epoch (log scale when it falls
 *       more than tenfold), the validation metric per epoch, MAE and RMSE bars, predicted-vs-actual
 *       scatter per model (at most 5,000 points, a seeded sample), the distribution of actual and
 *       predicted test ratings, error histograms (predicted − actual), parameter counts, training
 *       time, convergence (validation metric against cumulative training seconds), HR/NDCG/Recall
 *       against the cut-off k, and the per-user NDCG distribution. The summary table lives in the
 *       HTML only.
 *   <li><b>Look.</b> {@code ChartStyle} fixes one look for every chart: 800×500 px, white
 *       background, sans-serif fonts sized for reading when the image is shown at its own size, a
 *       legend only when there is more than one series (below the plot, or in the empty upper-left
 *       corner of a scatter), tick labels with a fixed number of digits, and one colour per model
 *       that stays the same across all charts.
 *   <li><b>Output.</b> {@link org.rec4j.report.Report#write} renders every panel to an image
 *       (XChart's {@code BitmapEncoder}) and encodes it as PNG ({@code ImageIO}), writes each PNG
 *       and then {@code index.html} (inline CSS, the PNGs again as base64 data URIs, so the page
 *       alone is the whole report). Every file goes to a temporary file in the target directory
 *       first and is then renamed over the target ({@code ATOMIC_MOVE}, falling back to {@code
 *       REPLACE_EXISTING} where the file system cannot move atomically): a reader sees the old file
 *       or the new one, never half of one, and a failed write deletes its temporary file. Files of
 *       an earlier report that this one does not produce are left alone.
 *   <li><b>Headless.</b> {@code Report} sets {@code java.awt.headless=true} before any AWT class is
 *       touched, unless the property was set explicitly. Text is drawn with the JDK's logical
 *       {@code SansSerif} font, so the machine needs fontconfig and at least one font installed.
 *   <li><b>Determinism.</b> No clocks or unseeded randomness: the same runs give byte-identical
 *       files.
 * </ul>
 */
package org.rec4j.report;
