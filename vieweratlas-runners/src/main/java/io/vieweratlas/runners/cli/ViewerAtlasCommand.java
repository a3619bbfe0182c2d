package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;

/** The root command: lists the tasks. */
@Command(name = "vieweratlas", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Maps Twitch audiences: presence snapshots in a lake, channels linked by shared viewers, "
                + "labelled communities.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:run-time failure", "2:usage or configuration error"})
public final class ViewerAtlasCommand implements Runnable {

    /**
     * The subcommands in the order help lists them. They are added by {@link Main#commandLine}
     * rather than declared in the annotation, so that a run builds the picocli model of its own
     * command only: modelling all of them took about 0.3 s of a start-up of well under 1 s.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, SynthCommand.class,
            ValidateConfigCommand.class, BenchCommand.class, CollectCommand.class, ContinuousCommand.class,
            ChannelsCommand.class, VodCommand.class, ImportCommand.class, PruneCommand.class,
            MigrateCheckCommand.class, CompactCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: see 'vieweratlas --help'");
    }
}
