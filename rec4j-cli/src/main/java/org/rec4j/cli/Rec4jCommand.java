package org.rec4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code rec4j} command. Subcommands do the work; this class holds the options every command inherits
 * ({@code --stacktrace}) and the help/version flags.
 */
@Command(name = "rec4j", mixinStandardHelpOptions = true, version = "rec4j 0.1.0-SNAPSHOT",
    description = "Deep-learning recommender systems on the JVM.",
    subcommands = {DataCommand.class, TrainCommand.class, EvaluateCommand.class, RecommendCommand.class,
        ConfigCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error (run with --stacktrace and report it)", "2:usage error",
        "3:data error (missing file, malformed line, checksum mismatch)"})
public final class Rec4jCommand {
  @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
      description = "On error, print the full stack trace instead of one line.")
  boolean stacktrace;
}
