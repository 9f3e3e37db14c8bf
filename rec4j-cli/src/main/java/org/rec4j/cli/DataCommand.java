package org.rec4j.cli;

import picocli.CommandLine.Command;

/** {@code rec4j data}: inspect, fetch and split data sets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Inspect, fetch and split data sets.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j data stats --data synthetic",
      "  rec4j data fetch ml-100k",
      "  rec4j data split --data synthetic --split ratio:0.8 --out splits/"
    },
    subcommands = {DataStatsCommand.class, DataFetchCommand.class, DataSplitCommand.class})
public final class DataCommand {}
