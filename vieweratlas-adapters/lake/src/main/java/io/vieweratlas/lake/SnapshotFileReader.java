package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One loading thread's reader of listed snapshot files into its own {@link PresenceTableBuilder}:
 * a JSON file goes through the {@link FastSnapshotParser}; what it declines, and every chatter CSV,
 * goes through the codecs ({@link SnapshotJsonCodec}, {@link ChatterCsvCodec}), which reject a
 * malformed file with their reason or normalise an irregular one. An unusable JSON file with a CSV
 * twin is reported and the twin read instead, as {@link LakeSnapshotStore#forEachSnapshot} does.
 * Not thread-safe.
 */
final class SnapshotFileReader {

    private final PresenceTableBuilder builder;
    private final PresencePolicy policy;
    private final ObjectBytes bytes;
    private final FastSnapshotParser fast;
    private final SnapshotJsonCodec json;
    private final ChatterCsvCodec csv;
    private final List<SkippedInput> skipped = new ArrayList<>();
    private long loaded;

    /** A reader of objects in {@code store}; the codecs may be shared between readers. */
    SnapshotFileReader(ObjectStore store, PresencePolicy policy, Repeats repeats, SnapshotJsonCodec json,
                       ChatterCsvCodec csv) {
        this.builder = new PresenceTableBuilder(repeats);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.bytes = new ObjectBytes(store);
        this.fast = new FastSnapshotParser(builder, policy);
        this.json = Objects.requireNonNull(json, "json");
        this.csv = Objects.requireNonNull(csv, "csv");
    }

    /** Reads one listed file and adds its snapshot, when its timestamp lies in {@code range}. */
    void read(SnapshotListing.Candidate candidate, TimeRange range) {
        SnapshotKey key = candidate.key();
        if (!bytes.read(key.key())) {
            skipped.add(new SkippedInput(key.key(), "deleted while the lake was being read"));
            return;
        }
        if (key.format() == SnapshotKey.Format.CSV) {
            ChatterCsvCodec.Result r = csv.decode(bytes.copy(), key);
            skipped.addAll(r.problems());
            r.snapshot().ifPresent(s -> add(s, key.key(), range));
            return;
        }
        FastSnapshotParser.Outcome outcome = fast.parse(bytes.data(), bytes.length(), key, range);
        if (outcome == FastSnapshotParser.Outcome.ADDED) {
            loaded++;
            return;
        }
        if (outcome == FastSnapshotParser.Outcome.OUT_OF_RANGE) {
            return;
        }
        try {
            add(json.decode(bytes.copy(), Optional.of(key.channel())), key.key(), range);
        } catch (SnapshotFormatException e) {
            if (candidate.csvTwin().isEmpty()) {
                skipped.add(new SkippedInput(key.key(), e.getMessage()));
                return;
            }
            SnapshotKey twin = candidate.csvTwin().get();
            skipped.add(new SkippedInput(key.key(), e.getMessage() + "; read its CSV twin " + twin.key()
                    + " instead"));
            read(new SnapshotListing.Candidate(twin, Optional.empty()), range);
        }
    }

    private void add(PresenceSnapshot s, String location, TimeRange range) {
        if (!range.contains(s.timestamp())) {
            return;
        }
        builder.begin(s.channel(), s.timestamp().getEpochSecond(), s.stream().viewerCount(),
                s.stream().gameName(), s.stream().language(), s.stream().title(), location);
        for (String login : s.chatters(policy)) {
            builder.viewer(login);
        }
        builder.end();
        loaded++;
    }

    /** The rows read so far. */
    PresenceTableBuilder builder() {
        return builder;
    }

    /** Files read and added so far. */
    long loaded() {
        return loaded;
    }

    /** Files (and CSV lines) skipped so far, with their reasons, in the order met. */
    List<SkippedInput> skipped() {
        return skipped;
    }
}
