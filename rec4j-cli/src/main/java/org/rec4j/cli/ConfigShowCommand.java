package org.rec4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rec4j.cli.config.ConfigWriter;
import org.rec4j.cli.config.RunConfig;
import org.rec4j.data.Dataset;
import org.rec4j.data.io.DataSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j config show}: prints the configuration {@code train} would run with the same {@code
 * --config} file and flags, every default filled in, as YAML (or one line of JSON with {@code
 * --json}). The output is itself a config file that resolves to the same run. The data is loaded,
 * because it decides defaults (the task follows the format, the split follows whether the data
 * comes with one).
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the config train would run with, every default filled in (YAML, or one JSON line with --json).",
      "Layering: built-in defaults < --config FILE < flags. The output is a config file that resolves to itself.",
      "With --model NAME alone: the model's settings, their defaults and allowed values."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j config show --config examples/neumf-ml1m.yaml",
      "  rec4j config show --config examples/mf-ml100k.yaml --lr 0.005 --json",
      "  rec4j config show --model neumf --data synthetic:kind=implicit > my.yaml",
      "  rec4j config show --model xdeepfm      (its settings, defaults and allowed values)",
      "  rec4j train --config my.yaml --epochs 5"
    })
public final class ConfigShowCommand implements Callable<Integer> {
  @Mixin ConfigMixin config;
  @Mixin TrainOptions train;
  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (config.data == null && config.file == null && train.model != null && !json.enabled()) {
      // no run to resolve: the model's own settings and their defaults
      out.print(ModelHelp.settingsTable(train.model));
      out.flush();
      return ExitCode.OK;
    }
    RunConfig resolved = resolve(config, train);
    out.print(
        json.enabled()
            ? ConfigWriter.json(resolved) + System.lineSeparator()
            : ConfigWriter.yaml(resolved));
    out.flush();
    return ExitCode.OK;
  }

  /** The file form of the run that {@code config} and {@code train} describe; loads the data. */
  static RunConfig resolve(ConfigMixin config, TrainOptions train) {
    DataSpec dataSpec = config.apply(train);
    if (dataSpec.format() != DataSpec.Format.SYNTHETIC && !Files.exists(Path.of(dataSpec.path()))) {
      throw new UncheckedIOException(
          "data "
              + dataSpec
              + ": no such file or folder (config show loads the data, which "
              + "decides the task and split defaults)",
          new NoSuchFileException(dataSpec.path()));
    }
    Dataset ds = dataSpec.load();
    return RunConfig.of(train.resolve(dataSpec, ds));
  }
}
