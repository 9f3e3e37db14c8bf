package org.rec4j.cli;

import picocli.CommandLine.Command;

/** {@code rec4j config}: inspect config files. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Inspect config files (--config FILE of train).",
    subcommands = {ConfigShowCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j config show --config examples/neumf-synthetic.yaml",
      "  rec4j config show --model mf --data synthetic --json"
    })
public final class ConfigCommand {}
