package org.rec4j.cli;

import org.rec4j.data.io.DataSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --data FORMAT:PATH} option shared by every command that reads data (see {@link
 * DataSpec} for the formats and options). Commands add it with {@code @Mixin DataMixin data;}.
 */
public final class DataMixin {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "FORMAT:PATH",
      converter = DataSpecConverter.class,
      description =
          "Data to read: FORMAT:PATH with FORMAT one of synthetic, ml-100k, ml-1m, ml-latest, csv, ncf, "
              + "sasrec, lightgcn, lastfm, libfm (e.g. ml-1m:data/ml-1m, synthetic:users=100,items=50).")
  DataSpec spec;

  /** The parsed data spec. */
  public DataSpec spec() {
    return spec;
  }
}
