package io.vieweratlas.runners.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateConfigCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void validConfigExitsZero() {
        Result r = run("validate-config", "--config", "../config/config.yaml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("configuration is valid"));
    }

    @Test
    void unknownKeyExitsTwoNamingTheKey() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "analysis:\n  overlap_treshold: 5\n");
        Result r = run("validate-config", "--config", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'analysis.overlap_treshold'"), r.err());
        assertTrue(r.err().contains("bad.yaml:2"), r.err());
    }

    @Test
    void missingFileExitsTwo() {
        Result r = run("validate-config", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void aRunModelsOnlyItsOwnCommandAndHelpsAsTheFullCommandLine() {
        CommandLine full = Main.commandLine();
        List<String> names = List.copyOf(full.getSubcommands().keySet());
        assertEquals(ViewerAtlasCommand.SUBCOMMANDS.size(), names.size());
        for (String name : names) {
            CommandLine lean = Main.commandLine(new String[] {name, "--help"});
            assertEquals(List.of(name), List.copyOf(lean.getSubcommands().keySet()));
            assertEquals(full.getSubcommands().get(name).getUsageMessage(),
                    lean.getSubcommands().get(name).getUsageMessage(), name);
        }
        // no command, an option or an unknown name: every command, for the list and suggestions
        assertEquals(names, List.copyOf(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet()));
        Result help = run("--help");
        for (String name : names) {
            assertTrue(help.out().contains(name), name + " missing from\n" + help.out());
        }
        Result typo = run("analyse");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("analyze"), typo.err());
    }

    @Test
    void usageErrorsExitTwoAndVersionAndHelpExitZero() {
        assertEquals(2, run("validate-config", "--no-such-flag").code());
        assertEquals(2, run().code());
        assertEquals(2, run("no-such-command").code());
        Result version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("vieweratlas "), version.out());
        assertEquals(0, run("validate-config", "--help").code());
    }
}
