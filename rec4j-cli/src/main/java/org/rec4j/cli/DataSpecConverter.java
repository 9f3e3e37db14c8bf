package org.rec4j.cli;

import org.rec4j.data.io.DataSpec;
import picocli.CommandLine;

/** Converts a {@code FORMAT:PATH} argument to a {@link DataSpec}; a bad value is a usage error. */
public final class DataSpecConverter implements CommandLine.ITypeConverter<DataSpec> {
  @Override
  public DataSpec convert(String value) {
    try {
      return DataSpec.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
