package io.vieweratlas.runners.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the tasks. */
@Command(name = "vieweratlas", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Maps Twitch audiences: presence snapshots in a lake, channels linked by shared viewers, "
                + "labelled communities.",
        subcommands = {AnalyzeCommand.class, SynthCommand.class, ValidateConfigCommand.class, BenchCommand.class,
                CollectCommand.class, ContinuousCommand.class, ChannelsCommand.class, VodCommand.class,
                ImportCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:run-time failure", "2:usage or configuration error"})
public final class ViewerAtlasCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: see 'vieweratlas --help'");
    }
}
