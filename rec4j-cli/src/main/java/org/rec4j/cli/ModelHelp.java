package org.rec4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.RecommenderFactory;

/**
 * Help texts about the registered models, read from the registry (each model's factory holds its
 * description, inputs and settings with their defaults): the model list of {@code rec4j train
 * --help} and the settings table of {@code rec4j config show --model NAME}.
 */
final class ModelHelp {
  private ModelHelp() {}

  /** One line per model: name, inputs beyond ids, settings with defaults (ranking task). */
  static List<String> modelList() {
    List<String> out = new ArrayList<>();
    out.add("Models (defaults for ranking; 'rec4j config show --model NAME' explains each");
    out.add("setting; [ctr]: a click-through model over feature fields, --task ctr):");
    for (RecommenderFactory f : ModelRegistry.factories()) {
      boolean ctr = f.inputs().contains(ModelInput.FEATURES);
      Settings d = Settings.resolve(f.name(), f.settings(), Map.of(), false, f.name());
      String settings =
          f.settings().stream()
              .map(s -> s.key() + "=" + s.format(d.asMap().get(s.key())))
              .collect(Collectors.joining(" "));
      // wrapped here at 78 columns (picocli would break lines without the indent)
      String head = String.format(Locale.ROOT, "  %-13s%s", f.name(), ctr ? "[ctr] " : "");
      StringBuilder line = new StringBuilder(head);
      for (String word : (settings.isEmpty() ? "(no settings)" : settings).split(" ")) {
        if (line.length() > head.length() && line.length() + 1 + word.length() > 78) {
          out.add(line.toString());
          line = new StringBuilder(" ".repeat(15));
        }
        if (line.length() > 15 && line.charAt(line.length() - 1) != ' ') line.append(' ');
        line.append(word);
      }
      out.add(line.toString());
    }
    return out;
  }

  /**
   * The settings of {@code name}: key, default (ranking, ratings when it differs), expected values,
   * description.
   */
  static String settingsTable(String name) {
    RecommenderFactory f = ModelRegistry.factory(name);
    Settings implicit = Settings.resolve(f.name(), f.settings(), Map.of(), false, f.name());
    Settings rating = Settings.resolve(f.name(), f.settings(), Map.of(), true, f.name());
    StringBuilder b = new StringBuilder();
    b.append(f.name()).append(": ").append(f.description()).append('\n');
    b.append("needs: ")
        .append(f.inputs().stream().map(ModelInput::what).collect(Collectors.joining(", ")))
        .append('\n');
    if (f.settings().isEmpty()) return b.append("settings: none\n").toString();
    b.append("settings (--set KEY=VALUE, or model.settings in a config file):\n");
    for (Setting<?> s : f.settings()) {
      String d = s.format(implicit.asMap().get(s.key()));
      String r = s.format(rating.asMap().get(s.key()));
      b.append(
          String.format(
              Locale.ROOT,
              "  %-17s default %s%s%n  %-17s   %s; %s%n",
              s.key(),
              d.isEmpty() ? "(empty)" : d,
              r.equals(d) || f.inputs().contains(ModelInput.FEATURES)
                  ? ""
                  : " (ratings: " + r + ")",
              "",
              s.description(),
              s.expected()));
    }
    return b.toString();
  }
}
