package io.vieweratlas.core.analysis.filter;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.FilterStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stage 2: removes accounts and channels that would distort the graph, in this order:
 * <ol>
 *   <li>{@code bots}: the configured bot logins, from every audience;</li>
 *   <li>{@code heavy_accounts}: accounts present in more than {@code max_channels_per_viewer}
 *       channels of the window (automatic by default: {@link AnalysisParameters#heavyAccountLimit}) (they are not audience members of a neighbourhood, and a handful
 *       of them makes the graph nearly complete);</li>
 *   <li>{@code min_observations}: channels seen in fewer snapshots;</li>
 *   <li>{@code min_channel_viewers}: channels left with fewer distinct viewers.</li>
 * </ol>
 * Each step reports the accounts that lost their last membership, the memberships and the
 * channels it removed.
 */
public final class AudienceFilter {

    private AudienceFilter() {
    }

    /**
     * Filtered audiences and what each filter removed.
     *
     * @param audiences     the audiences that remain
     * @param steps         one entry per filter, in the order applied
     * @param viewersBefore distinct viewers with at least one membership before filtering
     */
    public record Filtered(Audiences audiences, List<FilterStep> steps, int viewersBefore) {
    }

    /** Applies the filters of {@code params} to {@code in}. */
    public static Filtered apply(Audiences in, AnalysisParameters params) {
        int space = in.viewerIdSpace();
        int[] degree = new int[space];
        int[] members = in.members();
        int total = in.offsets()[in.channelCount()];
        for (int i = 0; i < total; i++) {
            degree[members[i]]++;
        }
        int viewersBefore = 0;
        for (int v = 0; v < space; v++) {
            if (degree[v] > 0) {
                viewersBefore++;
            }
        }
        boolean[] removed = new boolean[space];
        List<FilterStep> steps = new ArrayList<>();

        long accounts = 0;
        long memberships = 0;
        for (String bot : params.bots()) {
            int id = in.viewers().find(bot);
            if (id >= 0 && degree[id] > 0 && !removed[id]) {
                removed[id] = true;
                accounts++;
                memberships += degree[id];
            }
        }
        steps.add(new FilterStep("bots", params.bots().size(), accounts, memberships, 0));

        accounts = 0;
        memberships = 0;
        int max = params.heavyAccountLimit(in.channelCount());
        for (int v = 0; v < space; v++) {
            if (!removed[v] && degree[v] > max) {
                removed[v] = true;
                accounts++;
                memberships += degree[v];
            }
        }
        steps.add(new FilterStep("heavy_accounts", max, accounts, memberships, 0));
        for (int v = 0; v < space; v++) {
            if (removed[v]) {
                degree[v] = 0;
            }
        }
        Audiences current = dropViewers(in, removed);

        boolean[] dropChannel = new boolean[current.channelCount()];
        for (int c = 0; c < current.channelCount(); c++) {
            dropChannel[c] = current.observations()[c] < params.minObservations();
        }
        Step s = dropChannels(current, dropChannel, degree, "min_observations", params.minObservations());
        steps.add(s.step);
        current = s.audiences;

        dropChannel = new boolean[current.channelCount()];
        for (int c = 0; c < current.channelCount(); c++) {
            dropChannel[c] = current.audienceSize(c) < params.minChannelViewers();
        }
        s = dropChannels(current, dropChannel, degree, "min_channel_viewers", params.minChannelViewers());
        steps.add(s.step);
        return new Filtered(s.audiences, List.copyOf(steps), viewersBefore);
    }

    private record Step(Audiences audiences, FilterStep step) {
    }

    private static Audiences dropViewers(Audiences in, boolean[] removed) {
        int n = in.channelCount();
        int[] off = in.offsets();
        int[] mem = in.members();
        int[] newOff = new int[n + 1];
        int[] newMem = new int[off[n]];
        int m = 0;
        for (int c = 0; c < n; c++) {
            newOff[c] = m;
            for (int i = off[c]; i < off[c + 1]; i++) {
                if (!removed[mem[i]]) {
                    newMem[m++] = mem[i];
                }
            }
        }
        newOff[n] = m;
        return new Audiences(in.channels(), newOff, Arrays.copyOf(newMem, m), in.observations(), in.meta(),
                in.viewers());
    }

    private static Step dropChannels(Audiences in, boolean[] drop, int[] degree, String name, long limit) {
        int n = in.channelCount();
        int[] off = in.offsets();
        int[] mem = in.members();
        long accounts = 0;
        long memberships = 0;
        int channels = 0;
        List<String> names = new ArrayList<>();
        List<ChannelMeta> metas = new ArrayList<>();
        int kept = 0;
        for (int c = 0; c < n; c++) {
            if (!drop[c]) {
                kept++;
            }
        }
        if (kept == n) {
            return new Step(in, new FilterStep(name, limit, 0, 0, 0)); // nothing to drop: no copy
        }
        int[] newOff = new int[kept + 1];
        int[] newObs = new int[kept];
        int[] newMem = new int[off[n]];
        int m = 0;
        int k = 0;
        for (int c = 0; c < n; c++) {
            if (drop[c]) {
                channels++;
                memberships += off[c + 1] - off[c];
                for (int i = off[c]; i < off[c + 1]; i++) {
                    if (--degree[mem[i]] == 0) {
                        accounts++;
                    }
                }
                continue;
            }
            names.add(in.channels().get(c));
            metas.add(in.meta().get(c));
            newObs[k] = in.observations()[c];
            newOff[k++] = m;
            int len = off[c + 1] - off[c];
            System.arraycopy(mem, off[c], newMem, m, len);
            m += len;
        }
        newOff[kept] = m;
        Audiences out = new Audiences(List.copyOf(names), newOff, Arrays.copyOf(newMem, m), newObs,
                List.copyOf(metas), in.viewers());
        return new Step(out, new FilterStep(name, limit, accounts, memberships, channels));
    }
}
