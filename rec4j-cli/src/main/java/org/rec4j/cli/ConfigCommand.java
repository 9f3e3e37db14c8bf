package org.rec4j.cli;

import picocli.CommandLine.Command;

/** {@code rec4j config}: inspect config files. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect config files (--config FILE of train).",
    subcommands = {ConfigShowCommand.class})
public final class ConfigCommand {}
