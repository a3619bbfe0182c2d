package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.parquet.CompactionManifest;
import io.vieweratlas.parquet.CompactionStoppedException;
import io.vieweratlas.parquet.PresenceCompactor;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.wiring.BaseModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code compact [--from DAY] [--to DAY]}: turns past UTC days of raw live snapshots into Parquet
 * under {@code curated/presence/dt=YYYY-MM-DD/}, each day verified against its raw files and recorded
 * by a manifest written last ({@link PresenceCompactor}). Days already recorded are left as they are;
 * the raw files are kept. Exit 1 when a day failed or the run stopped on a store that kept failing.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Compact past UTC days of raw live snapshots into Parquet under curated/presence/ "
                + "(verified against the raw day, recorded by a manifest; raw files are kept). "
                + "Default: the 7 days before today (UTC).")
public final class CompactCommand implements Callable<Integer> {

    /** Days compacted when neither --from nor --to is given: the last complete week. */
    static final int DEFAULT_DAYS = 7;
    /** At most this many days per run, so that a typo in --from does not walk years of empty folders. */
    static final int MAX_DAYS = 400;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (UTC), inclusive (default: --to minus 6 days).")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (UTC), inclusive; must be over (default: yesterday).")
    String to;

    @Option(names = "--max-rows-per-part", paramLabel = "N", hidden = true,
            description = "Rows per Parquet part (default 4,000,000).")
    Long maxRowsPerPart;

    /** The clock that tells which days are over (tests replace it). */
    Clock clock = Clock.systemUTC();

    @Inject
    Provider<ObjectStore> lake;

    @Inject
    Provider<RunRecorder> recorder;

    @Override
    public Integer call() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = to == null ? today.minusDays(1) : day("--to", to);
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1) : day("--from", from);
        if (first.isAfter(last)) {
            throw new UsageException("--from " + first + " is after --to " + last);
        }
        if (!last.isBefore(today)) {
            throw new UsageException("--to " + last + " is not over yet (today is " + today
                    + " UTC): only past days can be compacted");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
            throw new UsageException("--from " + first + " to --to " + last + " is more than " + MAX_DAYS
                    + " days: compact in several runs");
        }
        if (maxRowsPerPart != null && maxRowsPerPart < 1) {
            throw new UsageException("--max-rows-per-part must be >= 1, was " + maxRowsPerPart);
        }
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        Guice.createInjector(new BaseModule(config)).injectMembers(this);
        ObjectStore store = lake.get();
        PresenceCompactor.Builder builder = PresenceCompactor.builder(store).clock(clock);
        if (maxRowsPerPart != null) {
            builder.maxRowsPerPart(maxRowsPerPart);
        }
        PresenceCompactor compactor = builder.build();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("lake", store.describe());
        inputs.put("from", first.toString());
        inputs.put("to", last.toString());
        return recorder.get().record("compact", config, inputs, run -> {
            out.println("Compacting " + first + " to " + last + " in " + store.describe() + ":");
            int failed = 0;
            for (LocalDate day : days) {
                PresenceCompactor.DayOutcome o;
                try {
                    o = compactor.compact(day);
                } catch (CompactionStoppedException e) {
                    out.println("  " + day + "  stopped: " + e.getMessage());
                    out.flush();
                    run.error(e.getMessage());
                    return ExitCodes.FAILURE;
                }
                print(out, o);
                run.add("days_" + o.status().name().toLowerCase(Locale.ROOT), 1);
                if (o.status() == PresenceCompactor.DayOutcome.Status.COMPACTED) {
                    CompactionManifest m = o.manifest().orElseThrow();
                    run.add("snapshots", m.snapshots());
                    run.add("rows", m.rows());
                    run.add("parts", m.parts().size());
                    run.add("bytes", m.parts().stream().mapToLong(CompactionManifest.Part::bytes).sum());
                    run.add("skipped", o.skipped().size());
                }
                if (o.status() == PresenceCompactor.DayOutcome.Status.FAILED) {
                    run.error(day + ": " + o.detail());
                    failed++;
                }
            }
            out.flush();
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        });
    }

    private static void print(PrintWriter out, PresenceCompactor.DayOutcome o) {
        String status = o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        StringBuilder line = new StringBuilder("  ").append(o.day()).append("  ").append(status);
        o.manifest().ifPresent(m -> line.append(String.format(Locale.ROOT,
                ": %d snapshots, %d rows, %d part(s), %,d bytes", m.snapshots(), m.rows(), m.parts().size(),
                m.parts().stream().mapToLong(CompactionManifest.Part::bytes).sum())));
        if (o.status() == PresenceCompactor.DayOutcome.Status.COMPACTED) {
            line.append(String.format(Locale.ROOT, " in %.1f s", o.took().toMillis() / 1000.0));
        }
        if (!o.detail().isEmpty()) {
            line.append(": ").append(o.detail());
        }
        out.println(line);
        if (!o.skipped().isEmpty()) {
            out.println("      " + o.skipped().size() + " file(s) or line(s) set aside, e.g. "
                    + o.skipped().get(0).location() + ": " + o.skipped().get(0).reason());
        }
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be a day YYYY-MM-DD, was '" + text + "'");
        }
    }
}
