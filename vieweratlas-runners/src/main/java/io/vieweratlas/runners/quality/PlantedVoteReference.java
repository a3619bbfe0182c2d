package io.vieweratlas.runners.quality;

import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.synth.SyntheticLake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reference for how much a planted lake's snapshots tell about each channel: every channel is
 * placed by its own viewers, each of whom votes for the planted communities of the other channels
 * they were seen in (one vote per viewer, split evenly over those channels). It knows what no
 * analysis knows (every other channel's planted community, and which accounts are bots or heavy
 * accounts); what it cannot know is what the snapshots do not show: a channel whose viewers were
 * seen nowhere else cannot be placed, and a channel most of whose seen viewers also watch other
 * communities is misplaced. It is a plain vote, not the best possible classifier, so an analysis
 * can beat it by a little; a lake where it stays far below a target is one whose snapshots hold
 * too little to reach it.
 */
final class PlantedVoteReference {

    /** The name of its rows in the tables. */
    static final String NAME = "reference: each channel placed by the planted communities its viewers watch";
    private static final long ONE = 1L << 24;

    private PlantedVoteReference() {
    }

    /** The reference's score on {@code lake}, whose snapshots are {@code snapshots}. */
    static LakeScore score(String lakeName, SyntheticLake lake, List<PresenceSnapshot> snapshots, PresencePolicy policy) {
        Map<String, Integer> truth = lake.truth();
        List<String> channels = lake.channels();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            index.put(channels.get(i), i);
        }
        // viewer -> channels seen in (distinct, as a small growing array)
        Map<String, int[]> seen = new HashMap<>();
        for (PresenceSnapshot snap : snapshots) {
            Integer ch = index.get(snap.channel());
            if (ch == null) {
                continue;
            }
            for (String login : snap.chatters(policy)) {
                if (lake.homeCommunity(login).isEmpty()) {
                    continue; // bots and heavy accounts: an analysis filters them
                }
                seen.merge(login, new int[] {1, ch}, PlantedVoteReference::add);
            }
        }
        int k = lake.communitySizes().size();
        long[][] votes = new long[channels.size()][k];
        for (int[] list : seen.values()) {
            int n = list[0];
            if (n < 2) {
                continue;
            }
            long share = ONE / (n - 1);
            for (int a = 1; a <= n; a++) {
                for (int b = 1; b <= n; b++) {
                    if (a != b) {
                        votes[list[a]][truth.get(channels.get(list[b]))] += share;
                    }
                }
            }
        }
        Map<String, String> found = new TreeMap<>();
        int unassigned = 0;
        boolean[] used = new boolean[k];
        for (int i = 0; i < channels.size(); i++) {
            int best = -1;
            for (int c = 0; c < k; c++) {
                if (votes[i][c] > 0 && (best < 0 || votes[i][c] > votes[i][best])) {
                    best = c;
                }
            }
            if (best < 0) {
                found.put(channels.get(i), "u:" + channels.get(i));
                unassigned++;
            } else {
                found.put(channels.get(i), "c" + best);
                used[best] = true;
            }
        }
        int communities = 0;
        for (boolean u : used) {
            communities += u ? 1 : 0;
        }
        return LakeScore.of(lakeName, NAME, found, unassigned, communities, 0, truth, 0);
    }

    /** Adds the channel of {@code one} ({@code {1, ch}}) to {@code list} ({@code {n, ch1..chn, spare}}) once. */
    private static int[] add(int[] list, int[] one) {
        int ch = one[1];
        int n = list[0];
        for (int i = 1; i <= n; i++) {
            if (list[i] == ch) {
                return list;
            }
        }
        int[] out = n + 1 < list.length ? list : java.util.Arrays.copyOf(list, list.length * 2);
        out[n + 1] = ch;
        out[0] = n + 1;
        return out;
    }
}
