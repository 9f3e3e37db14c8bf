package org.rec4j.cli;

import java.nio.file.Path;
import org.rec4j.cli.config.ConfigReader;
import org.rec4j.cli.config.RunConfig;
import org.rec4j.data.io.DataSpec;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and an optional {@code --data FORMAT:PATH}: the data may come from the
 * file's {@code data.spec} instead of the flag. Commands that take a config file use this mixin in
 * place of {@link DataMixin}, together with {@link TrainOptions}.
 */
public final class ConfigMixin {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML (.yaml, .yml) or JSON (.json) config file with sections "
              + "data, model, trainer, evaluation (see examples/); flags given on the command line override its values.")
  Path file;

  @Option(
      names = "--data",
      paramLabel = "FORMAT:PATH",
      converter = DataSpecConverter.class,
      description =
          "Data to read: FORMAT:PATH with FORMAT one of synthetic, ml-100k, ml-1m, ml-latest, csv, ncf, "
              + "sasrec, lightgcn, lastfm, libfm (required unless the config file has data.spec).")
  DataSpec data;

  /** The config file, or {@link RunConfig#EMPTY} without {@code --config}. */
  public RunConfig read() {
    return file == null ? RunConfig.EMPTY : ConfigReader.read(file);
  }

  /**
   * Reads the config file, fills the options of {@code train} that were not given as flags from it,
   * and returns the data spec ({@code --data}, else the file's {@code data.spec}).
   */
  public DataSpec apply(TrainOptions train) {
    RunConfig c = read();
    train.fillFrom(c);
    if (data != null) return data;
    if (c.data().spec() != null) return DataSpec.parse(c.data().spec());
    throw new IllegalArgumentException(
        "missing --data FORMAT:PATH (or data.spec in --config FILE)");
  }
}
