package org.rec4j.cli;

import picocli.CommandLine.Command;

/** {@code rec4j data}: inspect, fetch and split data sets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect, fetch and split data sets.",
    subcommands = {DataStatsCommand.class, DataFetchCommand.class, DataSplitCommand.class})
public final class DataCommand {}
