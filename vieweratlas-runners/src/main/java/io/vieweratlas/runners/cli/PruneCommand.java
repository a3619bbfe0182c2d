package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.RawPresencePruner;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.wiring.BaseModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code prune --older-than 90d [--apply]}: deletes raw presence data (the only lake data that
 * holds viewer logins) past retention. A dry run by default: prints what would be deleted.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete raw presence data (raw/snapshots, raw/chatter_logs, raw/vod_chat, curated presence) "
                + "older than a retention period. Dry run unless --apply.")
public final class PruneCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--older-than", paramLabel = "DURATION", required = true,
            description = "Retention period, e.g. 90d: data older than now minus DURATION is due.")
    String olderThan;

    @Option(names = "--apply", description = "Delete (default: only show what would be deleted).")
    boolean apply;

    /** The clock the cutoff is computed from (tests replace it). */
    Clock clock = Clock.systemUTC();

    @Inject
    Provider<ObjectStore> lake;

    @Inject
    Provider<RunRecorder> recorder;

    @Override
    public Integer call() throws Exception {
        Duration retention = AnalyzeCommand.parseDuration("--older-than", olderThan);
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        Guice.createInjector(new BaseModule(config)).injectMembers(this);
        ObjectStore store = lake.get();
        Instant cutoff = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(retention);
        RawPresencePruner pruner = new RawPresencePruner(store);
        RawPresencePruner.Plan plan = pruner.plan(cutoff);
        PrintWriter out = spec.commandLine().getOut();
        out.println((apply ? "Deleting" : "Would delete (dry run; --apply deletes)") + " raw presence older than "
                + cutoff + " in " + store.describe() + ":");
        for (String area : RawPresencePruner.AREAS) {
            out.printf(Locale.ROOT, "  %-30s %8d due, %8d kept%n", area, plan.dueByArea().get(area),
                    plan.keptByArea().get(area));
        }
        if (!plan.unreadable().isEmpty()) {
            out.println("  " + plan.unreadable().size() + " snapshot keys without a readable time were kept, e.g. "
                    + plan.unreadable().get(0));
        }
        if (!apply) {
            plan.due().stream().limit(20).forEach(k -> out.println("  " + k));
            if (plan.due().size() > 20) {
                out.println("  ... and " + (plan.due().size() - 20) + " more");
            }
            out.println("Total: " + plan.due().size() + " objects would be deleted.");
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("lake", store.describe());
        inputs.put("older_than", olderThan);
        inputs.put("cutoff", cutoff.toString());
        return recorder.get().record("prune", config, inputs, run -> {
            int deleted = pruner.apply(plan);
            plan.dueByArea().forEach((area, n) -> run.count("due_" + area.replaceAll("[^a-z_]+", "_")
                    .replaceAll("_+$", ""), n));
            run.count("deleted", deleted);
            run.count("unreadable_kept", plan.unreadable().size());
            out.println("Deleted " + deleted + " objects.");
            out.flush();
            return ExitCodes.OK;
        });
    }
}
