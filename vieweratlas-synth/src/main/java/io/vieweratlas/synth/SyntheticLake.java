package io.vieweratlas.synth;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A synthetic presence lake with planted communities, drawn from a {@link SyntheticLakeSpec}.
 *
 * <p>{@link #plan} draws the population once: community sizes (a jittered power law above the
 * shape's minimum), channels and their community, Zipf channel popularity inside each community,
 * viewers with a home community and a small heavy-tailed number of channel visits, a share
 * {@code mixing} of which go outside the home community. When the {@link SyntheticLakeSpec.Shape}
 * asks for them, "variety" channels also draw visits from viewers of two to four other
 * communities, and heavy accounts visit tens to hundreds of channels anywhere. The population is
 * held compactly (one sorted array of logins, audiences as one int array); snapshots are then
 * drawn on demand, channel by channel in {@link #channels()} order, each from its own random
 * stream. Every snapshot of a channel holds a random part of the channel's audience (each member
 * present with the shape's {@code presence} probability), so more snapshots cover more of it,
 * plus — when asked — bot accounts that sit in almost every chat and heavy accounts.
 *
 * <p>The lake is immutable and thread-safe: {@link #snapshotsOf(int)} may be called from many
 * threads and always gives the same snapshots for the same spec.
 */
public final class SyntheticLake {

    /**
     * Version of the generation rules. The same spec gives the same lake only under the same
     * version; it changes whenever a rule or calibration changes, so caches of generated lakes
     * (e.g. the benchmark's) should key on it together with the spec.
     */
    public static final int GENERATOR_VERSION = 1;

    // Calibration: issue 4's "large" lake (5,000 channels, 60 communities, 2,000,000 viewers,
    // 3 snapshots, bots) must be ~15,000 files and ~130 MB of snapshot JSON in the original's
    // indent-2 layout, where a chatter line costs its login (~10 characters) plus 8 bytes.
    // Viewers visiting ~3 channels each, present in 37 % of a channel's snapshots, give ~6.8 M
    // chatter entries (~460 per snapshot) and ~130 MB.
    /** Guests of a variety channel together bring this share of its home audience (a third of the total). */
    private static final double VARIETY_GUEST_SHARE = 0.5;
    /** Heavy accounts visit between this many channels and ten times as many (log-uniform). */
    private static final int HEAVY_MIN_CHANNELS = 20;
    /** Probability that a heavy account is present in one snapshot of a channel it visits. */
    private static final double HEAVY_PRESENCE = 0.9;
    /** Visits per viewer: 1 + floor(Lomax(scale, shape)), capped. */
    private static final double VISITS_SCALE = 3.0;
    private static final double VISITS_SHAPE = 2.2;
    private static final int MAX_VISITS = 60;
    private static final int VIEWER_BLOCK = 1 << 16;
    private static final int MAX_NAME_ATTEMPTS = 1_000;
    /** A stream that has run this long is over; the next snapshot belongs to a new one. */
    private static final Duration MAX_STREAM = Duration.ofHours(12);

    private static final AliasTable LANGUAGE_TABLE = new AliasTable(Catalog.LANGUAGE_WEIGHTS);
    private static final AliasTable GAME_TABLE = new AliasTable(Catalog.GAME_WEIGHTS);

    private final SyntheticLakeSpec spec;
    private final List<String> channels;
    private final int[] channelCommunity;
    private final int[] communityChannels;
    private final int[] communityViewers;
    private final int[] communityGame;
    private final int[] communitySecondGame;
    private final int[] communityLanguage;
    /** Viewer logins in ascending order: a viewer's id is its login's rank, so audiences come out sorted. */
    private final String[] logins;
    private final int[] audienceOffset;
    private final int[] audience;
    /** Home community per viewer id. */
    private final int[] viewerHome;
    private final List<String> bots;
    private final double[] botPresence;
    /** Heavy account logins, ascending. */
    private final List<String> heavy;
    /** Per channel, the heavy accounts (indices into {@link #heavy}, ascending) that visit it. */
    private final int[][] heavyByChannel;
    private final boolean[] variety;

    private SyntheticLake(SyntheticLakeSpec spec, List<String> channels, int[] channelCommunity,
                          int[] communityChannels, int[] communityViewers, int[] communityGame,
                          int[] communitySecondGame, int[] communityLanguage, String[] logins,
                          int[] audienceOffset, int[] audience, List<String> bots, double[] botPresence,
                          List<String> heavy, int[][] heavyByChannel, boolean[] variety, int[] viewerHome) {
        this.spec = spec;
        this.channels = channels;
        this.channelCommunity = channelCommunity;
        this.communityChannels = communityChannels;
        this.communityViewers = communityViewers;
        this.communityGame = communityGame;
        this.communitySecondGame = communitySecondGame;
        this.communityLanguage = communityLanguage;
        this.logins = logins;
        this.audienceOffset = audienceOffset;
        this.audience = audience;
        this.viewerHome = viewerHome;
        this.bots = bots;
        this.botPresence = botPresence;
        this.heavy = heavy;
        this.heavyByChannel = heavyByChannel;
        this.variety = variety;
    }

    /**
     * Draws the population of the lake described by {@code spec}. Takes memory proportional to
     * viewers plus memberships (about 4 bytes per membership and 60 per viewer login), not to
     * snapshots.
     */
    public static SyntheticLake plan(SyntheticLakeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new Planner(spec).plan();
    }

    /** The spec this lake was drawn from. */
    public SyntheticLakeSpec spec() {
        return spec;
    }

    /** Channel logins in the order snapshots are yielded (alphabetical). */
    public List<String> channels() {
        return channels;
    }

    /** The planted truth: every channel's community id, sorted by channel. */
    public SortedMap<String, Integer> truth() {
        TreeMap<String, Integer> truth = new TreeMap<>();
        for (int i = 0; i < channels.size(); i++) {
            truth.put(channels.get(i), channelCommunity[i]);
        }
        return Collections.unmodifiableSortedMap(truth);
    }

    /**
     * The planted home community of a viewer account (most of its visits go there), or empty for
     * a login that is no viewer of this lake (a bot, a heavy account, an unknown login). Lets a
     * benchmark measure what the viewers' own truth would tell about a channel.
     */
    public OptionalInt homeCommunity(String login) {
        Objects.requireNonNull(login, "login");
        int id = Arrays.binarySearch(logins, login);
        return id >= 0 ? OptionalInt.of(viewerHome[id]) : OptionalInt.empty();
    }

    /** The bot accounts that appear in snapshots (empty unless the spec asks for bots). */
    public List<String> bots() {
        return bots;
    }

    /** The heavy accounts that appear in snapshots (empty unless the shape asks for them), ascending. */
    public List<String> heavyAccounts() {
        return heavy;
    }

    /**
     * The variety channels: channels whose audience also comes from two to four communities other
     * than their own (their planted community is the home one). Empty unless the shape asks for them.
     */
    public SortedSet<String> varietyChannels() {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < variety.length; i++) {
            if (variety[i]) {
                out.add(channels.get(i));
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** Planted communities' channel counts, by community id (largest first). */
    public List<Integer> communitySizes() {
        return Arrays.stream(communityChannels).boxed().toList();
    }

    /** What the lake holds, known before generating snapshots. */
    public SyntheticLakeSummary summary() {
        List<SyntheticLakeSummary.PlantedCommunity> list = new ArrayList<>();
        for (int c = 0; c < communityChannels.length; c++) {
            list.add(new SyntheticLakeSummary.PlantedCommunity(c, communityChannels[c], communityViewers[c],
                    Catalog.GAMES.get(communityGame[c]), Catalog.LANGUAGES.get(communityLanguage[c])));
        }
        return new SyntheticLakeSummary(channels.size(), spec.viewers(), bots.size(), audience.length,
                (long) channels.size() * spec.snapshotsPerChannel(), list);
    }

    /** Size of channel {@code channelIndex}'s audience: the distinct viewers who ever visit it. */
    public int audienceSize(int channelIndex) {
        Objects.checkIndex(channelIndex, channels.size());
        return audienceOffset[channelIndex + 1] - audienceOffset[channelIndex];
    }

    /** The number of snapshots this lake yields. */
    public long snapshotCount() {
        return (long) channels.size() * spec.snapshotsPerChannel();
    }

    /**
     * Yields every snapshot, channel by channel in {@link #channels()} order and by time within a
     * channel, holding only one channel's snapshots at a time.
     */
    public void forEachSnapshot(Consumer<? super PresenceSnapshot> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < channels.size(); i++) {
            snapshotsOf(i).forEach(action);
        }
    }

    /**
     * A lazy stream of every snapshot in the order of {@link #forEachSnapshot}. It may be made
     * parallel: each channel's snapshots come from its own random stream, so the content does not
     * depend on which thread draws them.
     */
    public Stream<PresenceSnapshot> snapshots() {
        return IntStream.range(0, channels.size()).boxed().flatMap(i -> snapshotsOf(i).stream());
    }

    /**
     * The snapshots of channel number {@code channelIndex} (in {@link #channels()}), oldest first.
     *
     * @throws IndexOutOfBoundsException when there is no such channel
     */
    public List<PresenceSnapshot> snapshotsOf(int channelIndex) {
        Objects.checkIndex(channelIndex, channels.size());
        SplittableRandom r = Seeds.random(spec.seed(), Seeds.SNAPSHOTS, channelIndex);
        int community = channelCommunity[channelIndex];
        String channel = channels.get(channelIndex);

        // What the channel is: fixed for all its snapshots.
        int language = r.nextDouble() < 0.92 ? communityLanguage[community]
                : LANGUAGE_TABLE.sample(r);
        double g = r.nextDouble();
        int game = g < 0.75 ? communityGame[community]
                : g < 0.87 ? communitySecondGame[community]
                : GAME_TABLE.sample(r);
        List<String> titles = Catalog.TITLES.get(language);
        String titleTemplate = titles.get(r.nextInt(titles.size()));
        // Twitch counts lurkers too: viewers outnumber chatters by a channel-specific factor.
        double viewersPerChatter = Math.max(1.2, Math.exp(Math.log(2.5) + 0.4 * gaussian(r)));
        long intervalSeconds = spec.snapshotInterval().getSeconds();
        // Channels of one collection cycle are sampled one after another, not all at the same second.
        long offsetSeconds = r.nextLong(Math.max(1, Math.min(intervalSeconds / 2, 1800)));
        Instant streamStart = null;

        int from = audienceOffset[channelIndex];
        int to = audienceOffset[channelIndex + 1];
        List<PresenceSnapshot> out = new ArrayList<>(spec.snapshotsPerChannel());
        String[] humans = new String[to - from];
        int[] heavyHere = heavyByChannel[channelIndex];
        String[] present = new String[to - from + bots.size() + heavyHere.length];
        String[] presentBots = new String[bots.size() + heavyHere.length];
        String[] presentHeavy = new String[heavyHere.length];
        double presence = spec.shape().presence();
        for (int s = 0; s < spec.snapshotsPerChannel(); s++) {
            Instant time = spec.start().plusSeconds(s * intervalSeconds + offsetSeconds);
            if (streamStart == null || Duration.between(streamStart, time).compareTo(MAX_STREAM) > 0) {
                streamStart = time.minusSeconds(900 + r.nextLong(3 * 3600));
            }
            int chatters = 0;
            for (int k = from; k < to; k++) {
                if (r.nextDouble() < presence) {
                    humans[chatters++] = logins[audience[k]];
                }
            }
            int botCount = 0;
            for (int b = 0; b < bots.size(); b++) {
                if (r.nextDouble() < botPresence[b]) {
                    presentBots[botCount++] = bots.get(b);
                }
            }
            if (heavyHere.length > 0) {
                int heavyCount = 0;
                for (int h : heavyHere) {
                    if (r.nextDouble() < HEAVY_PRESENCE) {
                        presentHeavy[heavyCount++] = heavy.get(h);
                    }
                }
                String[] botsOnly = Arrays.copyOf(presentBots, botCount);
                botCount = merge(botsOnly, botCount, presentHeavy, heavyCount, presentBots);
            }
            int size = merge(humans, chatters, presentBots, botCount, present);
            String snapshotGame = Catalog.GAMES.get(r.nextDouble() < 0.08 ? 0 : game);
            long viewerCount = Math.round(chatters * viewersPerChatter * (0.9 + 0.2 * r.nextDouble()));
            StreamMetadata meta = new StreamMetadata(viewerCount, snapshotGame, Catalog.LANGUAGES.get(language),
                    String.format(Locale.ROOT, titleTemplate, snapshotGame), Optional.of(streamStart));
            out.add(PresenceSnapshot.builder(channel, time)
                    .source(PresenceSourceKind.SYNTHETIC)
                    .stream(meta)
                    .chatters(new SortedArraySet(present, 0, size))
                    .build());
        }
        return out;
    }

    /** Login of viewer number {@code viewer} (0-based, in login order); for tests. */
    String login(int viewer) {
        return logins[viewer];
    }

    /** Merges two ascending, disjoint arrays into {@code out}; returns the number of elements. */
    private static int merge(String[] a, int aCount, String[] b, int bCount, String[] out) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < aCount && j < bCount) {
            out[n++] = a[i].compareTo(b[j]) < 0 ? a[i++] : b[j++];
        }
        while (i < aCount) {
            out[n++] = a[i++];
        }
        while (j < bCount) {
            out[n++] = b[j++];
        }
        return n;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default,
        // and spelling it out keeps the draw sequence fixed across JDKs.
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Draws the population; one use only. */
    private static final class Planner {
        private final SyntheticLakeSpec spec;
        private final int k;
        private final LoginSet taken;

        Planner(SyntheticLakeSpec spec) {
            this.spec = spec;
            this.k = spec.communities();
            this.taken = new LoginSet(spec.viewers() + spec.channels() + spec.shape().heavyAccounts() + 64);
        }

        SyntheticLake plan() {
            // Bot names are reserved whether or not bots appear, so the other logins do not depend on --bots.
            List<String> allBots = new ArrayList<>(Catalog.CHAT_BOTS);
            allBots.addAll(Catalog.LURKER_BOTS);
            for (String bot : allBots) {
                if (!taken.add(bot)) {
                    throw new IllegalStateException("duplicate bot name " + bot);
                }
            }
            int[] communityChannels = communitySizes();
            SplittableRandom profiles = Seeds.random(spec.seed(), Seeds.COMMUNITIES, 1);
            int[] game = new int[k];
            int[] secondGame = new int[k];
            int[] language = new int[k];
            for (int c = 0; c < k; c++) {
                game[c] = GAME_TABLE.sample(profiles);
                do {
                    secondGame[c] = GAME_TABLE.sample(profiles);
                } while (secondGame[c] == game[c]);
                language[c] = LANGUAGE_TABLE.sample(profiles);
            }
            // Widely spoken languages go to the bigger communities (ids are by size), as on Twitch,
            // where the largest audiences are English-speaking.
            Integer[] byReach = Arrays.stream(language).boxed()
                    .sorted((a, b) -> Double.compare(Catalog.LANGUAGE_WEIGHTS[b], Catalog.LANGUAGE_WEIGHTS[a]))
                    .toArray(Integer[]::new);
            for (int c = 0; c < k; c++) {
                language[c] = byReach[c];
            }

            List<String> channelLogins = channelLogins();
            int[] channelCommunity = assignCommunities(communityChannels);
            double[] popularity = popularity(channelCommunity, communityChannels);
            int[][] members = membersByCommunity(channelCommunity, communityChannels);

            // Viewers: each community is home to a share of viewers matching its share of channels,
            // so channels in big and small communities draw similar audiences.
            double[] viewerShare = new double[k];
            for (int c = 0; c < k; c++) {
                viewerShare[c] = communityChannels[c];
            }
            AliasTable homeTable = new AliasTable(viewerShare);
            boolean[] variety = new boolean[channelLogins.size()];
            double[][] reachWeight = new double[k][];
            for (int c = 0; c < k; c++) {
                reachWeight[c] = new double[members[c].length];
                for (int i = 0; i < members[c].length; i++) {
                    reachWeight[c][i] = popularity[members[c][i]];
                }
            }
            // Channels a community's viewers visit: its own, plus the variety channels it is a guest of.
            int[][] reach = addVarietyGuests(members, communityChannels, popularity, variety, reachWeight);
            AliasTable[] channelTables = new AliasTable[k];
            for (int c = 0; c < k; c++) {
                channelTables[c] = new AliasTable(reachWeight[c]);
            }

            String[] logins = viewerLogins();

            int viewers = spec.viewers();
            int blocks = (viewers + VIEWER_BLOCK - 1) / VIEWER_BLOCK;
            VisitBlock[] visitBlocks = IntStream.range(0, blocks).parallel()
                    .mapToObj(b -> visits(b, homeTable, channelTables, reach))
                    .toArray(VisitBlock[]::new);

            int channelCount = channelLogins.size();
            int[] communityViewers = new int[k];
            long[] counts = new long[channelCount + 1];
            long total = 0;
            int[] viewerHome = new int[spec.viewers()];
            for (int b = 0; b < visitBlocks.length; b++) {
                VisitBlock block = visitBlocks[b];
                System.arraycopy(block.home, 0, viewerHome, b * VIEWER_BLOCK, block.home.length);
                for (int i = 0; i < block.home.length; i++) {
                    communityViewers[block.home[i]]++;
                }
                for (int i = 0; i < block.visitCount; i++) {
                    counts[block.channels[i]]++;
                }
                total += block.visitCount;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("spec asks for " + total + " memberships, more than fit in one lake");
            }
            int[] audienceOffset = new int[channelCount + 1];
            for (int c = 0; c < channelCount; c++) {
                audienceOffset[c + 1] = (int) (audienceOffset[c] + counts[c]);
            }
            int[] fill = Arrays.copyOf(audienceOffset, channelCount);
            int[] audience = new int[(int) total];
            // Viewers in id order, so every audience comes out sorted by viewer id.
            for (int b = 0; b < visitBlocks.length; b++) {
                VisitBlock block = visitBlocks[b];
                int at = 0;
                for (int i = 0; i < block.home.length; i++) {
                    int viewer = b * VIEWER_BLOCK + i;
                    for (int v = 0; v < block.perViewer[i]; v++) {
                        audience[fill[block.channels[at++]]++] = viewer;
                    }
                }
                visitBlocks[b] = null;
            }

            // Bots in login order (snapshots merge them into sorted chatters), each with its presence rate:
            // lurker bots crawl every chat; chat bots are in most channels.
            List<String> bots = spec.bots() ? allBots.stream().sorted().toList() : List.of();
            double[] botPresence = new double[bots.size()];
            for (int b = 0; b < bots.size(); b++) {
                int chatBot = Catalog.CHAT_BOTS.indexOf(bots.get(b));
                botPresence[b] = chatBot >= 0 ? 0.97 - 0.015 * chatBot
                        : 0.99 - 0.005 * Catalog.LURKER_BOTS.indexOf(bots.get(b));
            }
            List<String> heavy = heavyLogins();
            int[][] heavyByChannel = heavyVisits(heavy.size(), channelCount);
            return new SyntheticLake(spec, channelLogins, channelCommunity, communityChannels, communityViewers,
                    game, secondGame, language, logins, audienceOffset, audience, bots, botPresence, heavy,
                    heavyByChannel, variety, viewerHome);
        }

        /**
         * Picks the variety channels (a share of all channels, uniformly) and makes each reachable
         * from two to four guest communities: a guest community's viewers pick it with a weight that
         * brings, in expectation, {@value #VARIETY_GUEST_SHARE} of its home audience over all guests.
         * Returns per community the channels its viewers pick from, and grows {@code reachWeight} to match.
         */
        private int[][] addVarietyGuests(int[][] members, int[] communityChannels, double[] popularity,
                                         boolean[] variety, double[][] reachWeight) {
            int count = (int) Math.round(spec.shape().varietyShare() * spec.channels());
            if (count == 0 || k < 2) {
                return members;
            }
            int[] channelCommunity = new int[spec.channels()];
            double[] popularitySum = new double[k];
            for (int c = 0; c < k; c++) {
                for (int ch : members[c]) {
                    channelCommunity[ch] = c;
                    popularitySum[c] += popularity[ch];
                }
            }
            SplittableRandom r = Seeds.random(spec.seed(), Seeds.VARIETY, 0);
            int[] order = IntStream.range(0, spec.channels()).toArray();
            shuffle(order, r);
            List<List<Integer>> extra = new ArrayList<>();
            List<List<Double>> extraWeight = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                extra.add(new ArrayList<>());
                extraWeight.add(new ArrayList<>());
            }
            for (int i = 0; i < count; i++) {
                int ch = order[i];
                int home = channelCommunity[ch];
                variety[ch] = true;
                int guests = Math.min(k - 1, 2 + r.nextInt(3));
                int[] chosen = new int[guests];
                for (int g = 0; g < guests; g++) {
                    int c;
                    boolean again;
                    do {
                        c = r.nextInt(k);
                        again = c == home;
                        for (int j = 0; j < g && !again; j++) {
                            again = chosen[j] == c;
                        }
                    } while (again);
                    chosen[g] = c;
                    // home viewers pick ch with pop/sum(home) of their visits, and visits scale with
                    // community size; this weight gives guest community c the wanted share
                    double w = VARIETY_GUEST_SHARE / guests * popularity[ch]
                            * (popularitySum[c] / popularitySum[home])
                            * ((double) communityChannels[home] / communityChannels[c]);
                    extra.get(c).add(ch);
                    extraWeight.get(c).add(w);
                }
            }
            int[][] reach = new int[k][];
            for (int c = 0; c < k; c++) {
                int own = members[c].length;
                reach[c] = Arrays.copyOf(members[c], own + extra.get(c).size());
                reachWeight[c] = Arrays.copyOf(reachWeight[c], own + extra.get(c).size());
                for (int j = 0; j < extra.get(c).size(); j++) {
                    reach[c][own + j] = extra.get(c).get(j);
                    reachWeight[c][own + j] = extraWeight.get(c).get(j);
                }
            }
            return reach;
        }

        /** Heavy account logins, unique among all logins, ascending. */
        private List<String> heavyLogins() {
            int n = spec.shape().heavyAccounts();
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                String login = null;
                for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS && login == null; attempt++) {
                    String draft = draw(Seeds.HEAVY_NAMES, i, attempt, false);
                    if (taken.add(draft)) {
                        login = draft;
                    }
                }
                if (login == null) {
                    throw new IllegalStateException("no unused login after " + MAX_NAME_ATTEMPTS
                            + " attempts for heavy account " + i);
                }
                out[i] = login;
            }
            Arrays.sort(out);
            return List.of(out);
        }

        /** Per channel, the heavy accounts visiting it: each account visits 20 to 200 channels, uniformly. */
        private int[][] heavyVisits(int heavyCount, int channelCount) {
            int[] perChannel = new int[channelCount];
            int[][] visited = new int[heavyCount][];
            for (int h = 0; h < heavyCount; h++) {
                SplittableRandom r = Seeds.random(spec.seed(), Seeds.HEAVY_VISITS, h);
                int want = (int) Math.min(channelCount,
                        Math.round(HEAVY_MIN_CHANNELS * Math.pow(10, r.nextDouble())));
                int[] all = IntStream.range(0, channelCount).toArray();
                for (int i = 0; i < want; i++) {
                    int j = i + r.nextInt(channelCount - i);
                    int t = all[i];
                    all[i] = all[j];
                    all[j] = t;
                    perChannel[all[i]]++;
                }
                visited[h] = Arrays.copyOf(all, want);
            }
            int[][] byChannel = new int[channelCount][];
            for (int c = 0; c < channelCount; c++) {
                byChannel[c] = new int[perChannel[c]];
            }
            int[] fill = new int[channelCount];
            for (int h = 0; h < heavyCount; h++) {
                for (int c : visited[h]) {
                    byChannel[c][fill[c]++] = h;
                }
            }
            return byChannel;
        }

        /** Channels per community: at least the minimum each, the rest by jittered Zipf weights, largest first. */
        private int[] communitySizes() {
            SplittableRandom r = Seeds.random(spec.seed(), Seeds.COMMUNITIES, 0);
            double[] weight = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                weight[c] = Math.pow(c + 1, -spec.shape().communitySizeExponent()) * Math.exp(0.15 * gaussian(r));
                sum += weight[c];
            }
            int minSize = spec.shape().minCommunityChannels();
            int free = spec.channels() - k * minSize;
            int[] size = new int[k];
            double[] remainder = new double[k];
            int given = 0;
            for (int c = 0; c < k; c++) {
                double exact = free * weight[c] / sum;
                size[c] = (int) Math.floor(exact);
                remainder[c] = exact - size[c];
                given += size[c];
            }
            // Largest remainders get the channels left over by rounding down.
            Integer[] order = new Integer[k];
            for (int c = 0; c < k; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a])
                    : Integer.compare(a, b));
            for (int i = 0; given < free; i++, given++) {
                size[order[i % k]]++;
            }
            for (int c = 0; c < k; c++) {
                size[c] += minSize;
            }
            // Community ids by size, largest first, so ids read naturally.
            Arrays.sort(size);
            for (int i = 0, j = k - 1; i < j; i++, j--) {
                int t = size[i];
                size[i] = size[j];
                size[j] = t;
            }
            return size;
        }

        private List<String> channelLogins() {
            int n = spec.channels();
            String[] logins = new String[n];
            for (int i = 0; i < n; i++) {
                logins[i] = uniqueChannelName(i);
            }
            Arrays.sort(logins);
            return List.of(logins);
        }

        /** A channel login not yet taken, drawn from the channel's own streams. */
        private String uniqueChannelName(int index) {
            for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
                String login = draw(Seeds.CHANNEL_NAMES, index, attempt, true);
                if (taken.add(login)) {
                    return login;
                }
            }
            throw new IllegalStateException("no unused login after " + MAX_NAME_ATTEMPTS + " attempts for channel "
                    + index);
        }

        private String draw(long purpose, long index, int attempt, boolean channel) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(spec.seed(), purpose, index * MAX_NAME_ATTEMPTS + attempt));
            return channel ? Names.channel(r) : Names.viewer(r);
        }

        /**
         * Unique viewer logins, sorted. Drafts are drawn in parallel; uniqueness is settled in
         * rounds, in viewer order: round r checks attempt r of every viewer still without a login,
         * so the outcome does not depend on threads. Sorting then makes a viewer's id the rank of
         * its login.
         */
        private String[] viewerLogins() {
            int n = spec.viewers();
            String[] accepted = new String[n];
            int[] pending = IntStream.range(0, n).toArray();
            for (int attempt = 0; pending.length > 0; attempt++) {
                if (attempt == MAX_NAME_ATTEMPTS) {
                    throw new IllegalStateException("no unused login after " + MAX_NAME_ATTEMPTS
                            + " attempts for viewer " + pending[0]);
                }
                int round = attempt;
                int[] todo = pending;
                String[] drafts = new String[todo.length];
                long[] hashes = new long[todo.length];
                IntStream.range(0, todo.length).parallel().forEach(i -> {
                    drafts[i] = draw(Seeds.VIEWER_NAMES, todo[i], round, false);
                    hashes[i] = LoginSet.hash(drafts[i]);
                });
                int failed = 0;
                for (int i = 0; i < todo.length; i++) {
                    if (taken.addHash(hashes[i])) {
                        accepted[todo[i]] = drafts[i];
                    } else {
                        todo[failed++] = todo[i];
                    }
                }
                pending = Arrays.copyOf(todo, failed);
            }
            StringSort.sort(accepted);
            return accepted;
        }

        /** Shuffles the community labels over the channels (which are in alphabetical order). */
        private int[] assignCommunities(int[] communityChannels) {
            int[] assignment = new int[spec.channels()];
            int at = 0;
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < communityChannels[c]; i++) {
                    assignment[at++] = c;
                }
            }
            shuffle(assignment, Seeds.random(spec.seed(), Seeds.CHANNEL_PLAN, 0));
            return assignment;
        }

        /** Zipf popularity by a random rank inside each community: a few big channels, many small ones. */
        private double[] popularity(int[] channelCommunity, int[] communityChannels) {
            int[][] members = membersByCommunity(channelCommunity, communityChannels);
            double[] popularity = new double[channelCommunity.length];
            for (int c = 0; c < k; c++) {
                int[] ranked = members[c].clone();
                shuffle(ranked, Seeds.random(spec.seed(), Seeds.CHANNEL_PLAN, 1 + c));
                for (int rank = 0; rank < ranked.length; rank++) {
                    popularity[ranked[rank]] = Math.pow(rank + 1, -spec.shape().channelPopularityExponent());
                }
            }
            return popularity;
        }

        private int[][] membersByCommunity(int[] channelCommunity, int[] communityChannels) {
            int[][] members = new int[k][];
            int[] fill = new int[k];
            for (int c = 0; c < k; c++) {
                members[c] = new int[communityChannels[c]];
            }
            for (int ch = 0; ch < channelCommunity.length; ch++) {
                int c = channelCommunity[ch];
                members[c][fill[c]++] = ch;
            }
            return members;
        }

        /** The home and channel visits of one block of viewers, from the block's own random stream. */
        private VisitBlock visits(int block, AliasTable homeTable, AliasTable[] channelTables, int[][] members) {
            SplittableRandom r = Seeds.random(spec.seed(), Seeds.VISITS, block);
            int from = block * VIEWER_BLOCK;
            int to = Math.min(spec.viewers(), from + VIEWER_BLOCK);
            int n = to - from;
            VisitBlock out = new VisitBlock(n);
            int[] chosen = new int[MAX_VISITS];
            int maxVisits = Math.min(MAX_VISITS, spec.channels());
            double mixing = k > 1 ? spec.mixing() : 0.0;
            for (int i = 0; i < n; i++) {
                int home = homeTable.sample(r);
                out.home[i] = home;
                double lomax = VISITS_SCALE * (Math.pow(1.0 - r.nextDouble(), -1.0 / VISITS_SHAPE) - 1.0);
                int want = (int) Math.min(maxVisits, 1 + Math.floor(lomax));
                int got = 0;
                // A few redraws when a channel repeats; a viewer of a tiny community may end with fewer visits.
                for (int tries = 0; got < want && tries < want * 3; tries++) {
                    int community = home;
                    if (mixing > 0 && r.nextDouble() < mixing) {
                        do {
                            community = homeTable.sample(r);
                        } while (community == home);
                    }
                    int channel = members[community][channelTables[community].sample(r)];
                    boolean repeat = false;
                    for (int j = 0; j < got; j++) {
                        if (chosen[j] == channel) {
                            repeat = true;
                            break;
                        }
                    }
                    if (!repeat) {
                        chosen[got++] = channel;
                    }
                }
                out.add(i, chosen, got);
            }
            return out;
        }

        private static void shuffle(int[] a, SplittableRandom r) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }

    /** Visits of one block of viewers, in viewer order. */
    private static final class VisitBlock {
        final int[] home;
        final int[] perViewer;
        int[] channels;
        int visitCount;

        VisitBlock(int viewers) {
            home = new int[viewers];
            perViewer = new int[viewers];
            channels = new int[viewers * 4];
        }

        void add(int viewer, int[] chosen, int count) {
            if (visitCount + count > channels.length) {
                channels = Arrays.copyOf(channels, Math.max(channels.length * 3 / 2, visitCount + count));
            }
            System.arraycopy(chosen, 0, channels, visitCount, count);
            visitCount += count;
            perViewer[viewer] = count;
        }
    }
}
