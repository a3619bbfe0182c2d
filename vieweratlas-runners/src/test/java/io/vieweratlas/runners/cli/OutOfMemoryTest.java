package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.analysis.InsufficientMemoryException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An OutOfMemoryError at the top of a command: one line, exit code 1. */
class OutOfMemoryTest {

    @CommandLine.Command(name = "hungry")
    static final class Hungry implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineAndExitCodeOne() {
        CommandLine cli = Main.configure(new CommandLine(new Hungry()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(ExitCodes.FAILURE, Main.execute(cli));
        String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("vieweratlas hungry: failed: hungry ran out of memory (OutOfMemoryError, max heap "),
                text);
        assertTrue(text.contains("analysis.window_days") && text.contains("-Xmx"), text);
    }

    @Test
    void aRefusedEstimateIsARunTimeFailure() {
        assertEquals(ExitCodes.FAILURE, Main.exitCodeOf(new InsufficientMemoryException("not enough memory")));
    }
}
