package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.io.DataSpec;
import org.rec4j.experiment.IdRemap;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommendation;
import org.rec4j.model.SeenItems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j recommend}: the top-k items of one user from a saved model. Items the user already
 * has are excluded: those of the artifact's {@code seen.bin} (the training interactions, saved by
 * {@code train --save}), or those of {@code --data} when given (it replaces {@code seen.bin});
 * {@code --include-seen} keeps them. An artifact without {@code seen.bin} and no {@code --data}
 * excludes nothing, and the JSON says so ({@code excluded_seen: false}).
 */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Recommend items for a user from a saved model.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j recommend --model models/neumf8 --user 42 -k 10",
      "  rec4j recommend --model models/neumf8 --user 42 -k 10 --data ncf:../shared/data/ml-1m/ncf --json"
    })
public final class RecommendCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A model artifact directory.")
  Path model;

  @Option(
      names = "--user",
      required = true,
      paramLabel = "ID",
      description = "The user's raw id (as in the data files).")
  String user;

  @Option(
      names = {"-k", "--k"},
      paramLabel = "K",
      description = "How many items (default 10).")
  int k = 10;

  @Option(
      names = "--data",
      paramLabel = "FORMAT:PATH",
      converter = DataSpecConverter.class,
      description =
          "Training data whose items the user already has (excluded from the answer; default: the artifact's seen.bin).")
  DataSpec data;

  @Option(names = "--include-seen", description = "Also recommend items the user already has.")
  boolean includeSeen;

  @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (k < 1) throw new IllegalArgumentException("-k must be >= 1, got " + k);
    PrintWriter out = spec.commandLine().getOut();
    ModelArtifact.Loaded l = ModelArtifact.load(model);
    int u = l.users().get(user);
    if (u < 0)
      throw new IllegalArgumentException(
          "--user: unknown user '" + user + "' (the model knows " + l.users().size() + " users)");
    if (includeSeen && data != null) {
      throw new IllegalArgumentException(
          "--include-seen and --data: --data only names the items to exclude; give one or the other");
    }
    boolean exclude = // from seen.bin
        !includeSeen
            && l.model().capability(SeenItems.class).flatMap(SeenItems::seenItems).isPresent();
    if (data != null && l.model() instanceof Persistable nr) {
      var ds = data.load();
      var inter = ds.split().map(s -> s.train()).orElse(ds.interactions());
      nr.rememberSeen(
          new IdRemap(inter.userIndex(), inter.itemIndex(), l.users(), l.items())
              .apply(inter, l.users(), l.items()));
      exclude = true;
    }
    Recommendation r = l.model().recommend(u, k, exclude, null);
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < r.items().length; i++) {
      String raw = l.items().raw(r.items()[i]);
      out.printf(Locale.ROOT, "%2d  %-12s %.4f%n", i + 1, raw, r.scores()[i]);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item", raw);
      m.put("score", r.scores()[i]);
      items.add(m);
    }
    if (json) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("user", user);
      f.put("model", l.model().name());
      f.put("excluded_seen", exclude);
      f.put("items", items);
      JsonMixin.print(out, f);
    }
    return ExitCode.OK;
  }
}
