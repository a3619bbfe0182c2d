package io.vieweratlas.core.analysis.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matches the communities of consecutive windows into stable ids.
 *
 * <p>Rule: a community of window {@code t} and one of window {@code t-1} are <em>linked</em> when
 * the Jaccard index of their member channels is at least the threshold. A community keeps the
 * stable id of a predecessor when each is the other's best link (highest Jaccard; ties broken by
 * the smaller stable id, then the smaller community id); every other community gets a new stable
 * id (numbered from 0 in order of appearance, within a window by community id). A predecessor
 * with several links has split, a successor with several links is a merge, a community without
 * links is born or has died; a one-to-one link is a continuation. Channels assigned in both
 * windows under different stable ids have moved.
 */
public final class CommunityTracker {

    /** Default Jaccard threshold. */
    public static final double DEFAULT_JACCARD = 0.2;

    private CommunityTracker() {
    }

    /**
     * Tracks {@code windows}, which must be in strictly increasing order of their end.
     *
     * @param jaccardThreshold in (0, 1]
     */
    public static Timeline track(List<WindowPartition> windows, double jaccardThreshold) {
        Objects.requireNonNull(windows, "windows");
        if (!(jaccardThreshold > 0 && jaccardThreshold <= 1)) {
            throw new IllegalArgumentException("tracking Jaccard threshold must lie in (0, 1], was " + jaccardThreshold);
        }
        for (int w = 1; w < windows.size(); w++) {
            if (!windows.get(w).end().isAfter(windows.get(w - 1).end())) {
                throw new IllegalArgumentException("windows must be in increasing order of their end: "
                        + windows.get(w - 1).end() + " then " + windows.get(w).end());
            }
        }
        List<Timeline.Window> out = new ArrayList<>();
        List<Timeline.Event> events = new ArrayList<>();
        List<Timeline.Move> moves = new ArrayList<>();
        int nextId = 0;
        Map<Integer, Integer> prevStable = Map.of(); // community id of previous window -> stable id
        WindowPartition prev = null;
        for (WindowPartition cur : windows) {
            TreeMap<Integer, TreeSet<String>> curMembers = members(cur);
            TreeMap<Integer, Integer> stable = new TreeMap<>();
            TreeMap<Integer, Double> inheritedJaccard = new TreeMap<>();
            List<Timeline.Event> here = new ArrayList<>();
            if (prev == null) {
                for (int c : curMembers.keySet()) {
                    stable.put(c, nextId++);
                }
            } else {
                TreeMap<Integer, TreeSet<String>> prevMembers = members(prev);
                List<Link> links = links(prevMembers, curMembers, jaccardThreshold);
                Map<Integer, List<Link>> byPrev = new TreeMap<>();
                Map<Integer, List<Link>> byCur = new TreeMap<>();
                for (Link l : links) {
                    byPrev.computeIfAbsent(l.prev, k -> new ArrayList<>()).add(l);
                    byCur.computeIfAbsent(l.cur, k -> new ArrayList<>()).add(l);
                }
                final Map<Integer, Integer> ps = prevStable;
                Comparator<Link> better = Comparator.comparingDouble((Link l) -> -l.jaccard)
                        .thenComparingInt(l -> ps.get(l.prev)).thenComparingInt(l -> l.cur);
                Map<Integer, Link> bestOfPrev = new HashMap<>();
                byPrev.forEach((p, ls) -> bestOfPrev.put(p, ls.stream().min(better).orElseThrow()));
                for (int c : curMembers.keySet()) {
                    List<Link> ls = byCur.getOrDefault(c, List.of());
                    Link best = ls.stream().min(better).orElse(null);
                    if (best != null && bestOfPrev.get(best.prev) == best) {
                        stable.put(c, prevStable.get(best.prev));
                        inheritedJaccard.put(c, best.jaccard);
                    } else {
                        stable.put(c, nextId++);
                    }
                }
                for (int p : prevMembers.keySet()) {
                    List<Link> ls = byPrev.getOrDefault(p, List.of());
                    if (ls.isEmpty()) {
                        here.add(new Timeline.Event(cur.end(), Timeline.EventType.DEATH, List.of(prevStable.get(p)),
                                List.of()));
                    } else if (ls.size() > 1) {
                        here.add(new Timeline.Event(cur.end(), Timeline.EventType.SPLIT, List.of(prevStable.get(p)),
                                sortedIds(ls.stream().map(l -> stable.get(l.cur)).toList())));
                    }
                }
                for (int c : curMembers.keySet()) {
                    List<Link> ls = byCur.getOrDefault(c, List.of());
                    if (ls.isEmpty()) {
                        here.add(new Timeline.Event(cur.end(), Timeline.EventType.BIRTH, List.of(),
                                List.of(stable.get(c))));
                    } else if (ls.size() > 1) {
                        here.add(new Timeline.Event(cur.end(), Timeline.EventType.MERGE,
                                sortedIds(ls.stream().map(l -> ps.get(l.prev)).toList()), List.of(stable.get(c))));
                    } else if (byPrev.get(ls.get(0).prev).size() == 1) {
                        here.add(new Timeline.Event(cur.end(), Timeline.EventType.CONTINUE,
                                List.of(ps.get(ls.get(0).prev)), List.of(stable.get(c))));
                    }
                }
                for (Map.Entry<String, Integer> e : cur.partition().entrySet()) {
                    Integer before = prev.partition().get(e.getKey());
                    if (before != null) {
                        int from = prevStable.get(before);
                        int to = stable.get(e.getValue());
                        if (from != to) {
                            moves.add(new Timeline.Move(cur.end(), e.getKey(), from, to));
                        }
                    }
                }
            }
            here.sort(Comparator.comparing(Timeline.Event::type)
                    .thenComparing(ev -> ev.from().isEmpty() ? -1 : ev.from().get(0))
                    .thenComparing(ev -> ev.to().isEmpty() ? -1 : ev.to().get(0)));
            events.addAll(here);
            List<Timeline.TrackedCommunity> tracked = new ArrayList<>();
            for (Map.Entry<Integer, TreeSet<String>> e : curMembers.entrySet()) {
                int c = e.getKey();
                tracked.add(new Timeline.TrackedCommunity(stable.get(c), c, cur.labels().get(c), e.getValue().size(),
                        inheritedJaccard.getOrDefault(c, 0.0)));
            }
            out.add(new Timeline.Window(cur.start(), cur.end(), tracked));
            prevStable = stable;
            prev = cur;
        }
        return new Timeline(jaccardThreshold, out, events, moves);
    }

    private record Link(int prev, int cur, double jaccard) {
    }

    private static List<Integer> sortedIds(List<Integer> ids) {
        return new ArrayList<>(new TreeSet<>(ids));
    }

    private static TreeMap<Integer, TreeSet<String>> members(WindowPartition w) {
        TreeMap<Integer, TreeSet<String>> m = new TreeMap<>();
        w.partition().forEach((channel, c) -> m.computeIfAbsent(c, k -> new TreeSet<>()).add(channel));
        return m;
    }

    /** Every pair with Jaccard at or above the threshold, computed from shared members only. */
    private static List<Link> links(TreeMap<Integer, TreeSet<String>> prev, TreeMap<Integer, TreeSet<String>> cur,
                                    double threshold) {
        Map<String, Integer> prevOf = new HashMap<>();
        prev.forEach((c, ms) -> ms.forEach(ch -> prevOf.put(ch, c)));
        TreeMap<Long, Integer> shared = new TreeMap<>();
        cur.forEach((c, ms) -> {
            for (String ch : ms) {
                Integer p = prevOf.get(ch);
                if (p != null) {
                    shared.merge(((long) p << 32) | c, 1, Integer::sum);
                }
            }
        });
        List<Link> out = new ArrayList<>();
        shared.forEach((key, inter) -> {
            int p = (int) (key >> 32);
            int c = (int) (long) key;
            double j = (double) inter / (prev.get(p).size() + cur.get(c).size() - inter);
            if (j >= threshold) {
                out.add(new Link(p, c, j));
            }
        });
        return out;
    }
}
