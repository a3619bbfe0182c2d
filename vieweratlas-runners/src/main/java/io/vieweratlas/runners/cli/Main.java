package io.vieweratlas.runners.cli;

import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.analysis.MemoryBudget;
import io.vieweratlas.runners.config.ConfigException;
import io.vieweratlas.runners.config.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of {@code bin/vieweratlas}. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns the exit code (tests call this). An {@link OutOfMemoryError}
     * is reported as one line naming the settings to change, exit code 1, instead of a stack trace.
     */
    public static int run(String... args) {
        return execute(commandLine(args), args);
    }

    /** Executes {@code cli} (configured by {@link #configure}) with {@code args}, reporting an OutOfMemoryError. */
    static int execute(CommandLine cli, String... args) {
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(cli, e);
        }
    }

    private static int outOfMemory(CommandLine cli, OutOfMemoryError e) {
        PrintWriter err = cli.getErr();
        String command = cli.getParseResult() != null && cli.getParseResult().subcommand() != null
                ? cli.getParseResult().subcommand().commandSpec().name() : cli.getCommandName();
        String line = MemoryBudget.outOfMemory(command, Runtime.getRuntime().maxMemory());
        err.println("vieweratlas " + command + ": failed: " + line);
        err.flush();
        LOG.debug("stack trace", e);
        return ExitCodes.FAILURE;
    }

    /** The configured picocli command line with every subcommand (exit codes, error handling). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that
     * one is added (it parses and helps exactly as with all of them); otherwise all are, for the
     * command list in the help and picocli's suggestions for a mistyped name.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new ViewerAtlasCommand());
        String first = args.length > 0 ? args[0] : "";
        Class<?> only = null;
        for (Class<?> type : ViewerAtlasCommand.SUBCOMMANDS) {
            if (type.getAnnotation(CommandLine.Command.class).name().equals(first)) {
                only = type;
            }
        }
        for (Class<?> type : ViewerAtlasCommand.SUBCOMMANDS) {
            if (only == null || type == only) {
                cli.addSubcommand(type);
            }
        }
        return configure(cli);
    }

    /** Sets exit codes and the one-line error reporting of every command on {@code cli}. */
    static CommandLine configure(CommandLine cli) {
        cli.setExitCodeExceptionMapper(Main::exitCodeOf);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex.getCause() instanceof OutOfMemoryError oom) {
                throw oom;
            }
            PrintWriter err = commandLine.getErr();
            err.println("vieweratlas " + commandLine.getCommandName() + ": " + describe(ex));
            err.flush();
            LOG.debug("stack trace", ex);
            return exitCodeOf(ex);
        });
        return cli;
    }

    static int exitCodeOf(Throwable ex) {
        return ex instanceof ConfigException || ex instanceof UsageException
                || ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        String kind = ex instanceof ConfigException ? "configuration error: "
                : ex instanceof StoreException ? "storage error: "
                : ex instanceof UsageException ? "" : "failed: ";
        return Redaction.text(kind + message);
    }
}
