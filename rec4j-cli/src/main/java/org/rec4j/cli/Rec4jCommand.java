package org.rec4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code rec4j} command. Subcommands do the work; this class holds the options every
 * command inherits ({@code --stacktrace}) and the help/version flags.
 */
@Command(
    name = "rec4j",
    mixinStandardHelpOptions = true,
    version = "rec4j 0.1.0-SNAPSHOT",
    description = "Deep-learning recommender systems on the JVM.",
    subcommands = {
      QuickstartCommand.class,
      DataCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      RecommendCommand.class,
      CompareCommand.class,
      ExportCommand.class,
      ConfigCommand.class,
      ServeCommand.class
    },
    footerHeading = "%nGetting started:%n",
    footer = {
      "  rec4j quickstart                                   # three models on synthetic data, report/index.html",
      "  rec4j train --model neumf --data synthetic:kind=implicit --epochs 5",
      "  rec4j compare --models mf,gmf,ncf,neumf --data ncf:../shared/data/ml-1m/ncf --report report-ml1m/",
      "  rec4j COMMAND --help                               # every command's options and examples"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error (run with --stacktrace and report it)",
      "2:usage error",
      "3:data error (missing file, malformed line, checksum mismatch)"
    })
public final class Rec4jCommand {
  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "On error, print the full stack trace instead of one line.")
  boolean stacktrace;
}
