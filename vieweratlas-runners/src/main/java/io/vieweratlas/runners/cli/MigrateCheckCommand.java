package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.migrate.MigrationCheck;
import io.vieweratlas.runners.migrate.MigrationReport;
import io.vieweratlas.runners.migrate.MigrationReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code migrate-check}: reads an installation of the original project and reports what carries over. */
@Command(name = "migrate-check", mixinStandardHelpOptions = true,
        description = {"Read an installation of the original (Python) project and report what carries over, what is"
                + " mapped to new names, what is ignored and why, and what will not load. Changes nothing.",
                "See docs/MIGRATING.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything carries over", "2:usage error (e.g. no such file or directory)",
                "3:something will not carry over as it is (listed under 'Will not load')"})
public final class MigrateCheckCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The original's config file (config/config.yaml).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The original's lake directory (default: its logs_dir or LOGS_DIR, else logs, in the home;"
                    + " or its S3 bucket and prefix when its storage_type is s3).")
    Path data;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The directory the original ran in, where its relative paths (logs, channels.txt,"
                    + " vod_queue.json, vod_raw, .env) resolve (default: the folder holding config/config.yaml,"
                    + " else the config file's folder, else the current directory).")
    Path home;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (config != null && !Files.isRegularFile(config)) {
            throw new UsageException("--config: no file at " + config.toAbsolutePath());
        }
        if (data != null && !Files.isDirectory(data)) {
            throw new UsageException("--data: no directory at " + data.toAbsolutePath());
        }
        Path installation = home != null ? home : defaultHome();
        MigrationReport report;
        try {
            report = MigrationCheck.check(new MigrationCheck.Request(Optional.ofNullable(config),
                    Optional.ofNullable(data), installation, ProcessEnvironment.variables()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (name the original's lake with --data)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? MigrationReportFormat.json(report) : MigrationReportFormat.text(report));
        out.flush();
        return report.complete() ? ExitCodes.OK : ExitCodes.NOT_ALL_CARRIED_OVER;
    }

    /** The original ran from the folder holding {@code config/config.yaml}. */
    private Path defaultHome() {
        if (config == null) {
            return Path.of("").toAbsolutePath();
        }
        Path folder = config.toAbsolutePath().normalize().getParent();
        if (folder.getFileName() != null && folder.getFileName().toString().equals("config")
                && folder.getParent() != null) {
            return folder.getParent();
        }
        return folder;
    }
}
