package org.rec4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.rec4j.data.DataFormatException;
import picocli.CommandLine;

/**
 * Entry point of the runnable jar: runs {@link Rec4jCommand} and maps failures to {@link ExitCode}s
 * with a one-line message on stderr ({@code rec4j: error: …}); {@code --stacktrace} prints the full
 * trace instead.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The configured command line (also used by parse-only tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Rec4jCommand());
    cli.setExitCodeExceptionMapper(Main::exitCode);
    // the model list of train --help comes from the registry, where each model's defaults live
    var usage = cli.getSubcommands().get("train").getCommandSpec().usageMessage();
    List<String> footer = new ArrayList<>(List.of(usage.footer()));
    footer.add("");
    footer.addAll(ModelHelp.modelList());
    usage.footer(footer.toArray(String[]::new));
    cli.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("rec4j: error: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
        err.println(
            "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      return ExitCode.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, line, parsed) -> {
      PrintWriter err = line.getErr();
      if (stacktrace(parsed)) {
        ex.printStackTrace(err);
      } else {
        err.println(
            exitCode(ex) == ExitCode.INTERNAL
                ? "rec4j: internal error: "
                    + ex.getClass().getSimpleName()
                    + ": "
                    + message(ex)
                    + " (a bug in rec4j: rerun with --stacktrace and report it)"
                : "rec4j: error: " + message(ex));
      }
      err.flush();
      return exitCode(ex);
    });
    return cli;
  }

  /**
   * The exit code of a failure. An {@link IllegalArgumentException} is a usage error (a bad option,
   * key or value) when it comes from the command line, the configuration or the core's validation
   * of them; one thrown inside the engine ({@code org.rec4j.tensor}, {@code nn}, {@code optim},
   * {@code loss}) is a bug — the CLI and core check every user value before the engine sees it, so
   * an engine argument error is a shape or wiring mistake of ours — and exits as an internal error.
   */
  static int exitCode(Throwable ex) {
    if (ex instanceof DataFormatException
        || ex instanceof org.rec4j.artifact.ArtifactException
        || ex instanceof UncheckedIOException
        || ex instanceof java.io.IOException) {
      return ExitCode.DATA;
    }
    if (ex instanceof org.rec4j.train.DivergenceException) {
      // a diverged run is a usage error: the settings (almost always --lr) do not suit this model
      // and data
      return ExitCode.USAGE;
    }
    if (ex instanceof IllegalArgumentException && !thrownByEngine(ex)) {
      return ExitCode.USAGE;
    }
    return ExitCode.INTERNAL;
  }

  private static final String[] ENGINE_PACKAGES = {
    "org.rec4j.tensor.", "org.rec4j.nn.", "org.rec4j.optim.", "org.rec4j.loss."
  };

  private static boolean thrownByEngine(Throwable ex) {
    StackTraceElement[] trace = ex.getStackTrace();
    if (trace.length == 0) return false;
    for (String p : ENGINE_PACKAGES) {
      if (trace[0].getClassName().startsWith(p)) return true;
    }
    return false;
  }

  private static String message(Throwable ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  private static boolean stacktrace(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }
}
