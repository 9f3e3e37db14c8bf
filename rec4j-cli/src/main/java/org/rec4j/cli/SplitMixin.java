package org.rec4j.cli;

import org.rec4j.data.split.SplitSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --split METHOD[:ARGS]} option (see {@link SplitSpec}), {@code --drop-cold} and {@code
 * --seed}, shared by every command that splits data. Commands add it with {@code @Mixin SplitMixin
 * split;}.
 */
public final class SplitMixin {
  @Option(
      names = "--split",
      required = true,
      paramLabel = "METHOD[:ARGS]",
      converter = Converter.class,
      description =
          "random:TEST[,VAL], random-user:TEST[,VAL], loo[:val], loo-random[:val], temporal:TEST[,VAL], "
              + "kfold:K,FOLD, given-n:N or predefined.")
  SplitSpec spec;

  @Option(
      names = "--drop-cold",
      description = "Drop validation/test rows of users or items absent from train.")
  boolean dropCold;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The parsed split spec. */
  public SplitSpec spec() {
    return spec;
  }

  /** Whether cold rows are dropped from validation and test. */
  public boolean dropCold() {
    return dropCold;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** Converts {@code METHOD[:ARGS]}; a bad value is a usage error. */
  public static final class Converter implements CommandLine.ITypeConverter<SplitSpec> {
    @Override
    public SplitSpec convert(String value) {
      try {
        return SplitSpec.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
