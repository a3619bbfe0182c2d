package io.vieweratlas.core.synth;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A synthetic presence lake with planted communities, drawn from a {@link SyntheticLakeSpec}.
 *
 * <p>{@link #plan} draws the population once: community sizes (uneven, Zipf-like), channels and
 * their community, heavy-tailed channel popularity inside each community, viewers with a home
 * community and a small heavy-tailed number of channel visits, a share {@code mixing} of which
 * go outside the home community. The population is held compactly (logins in one byte pool,
 * audiences as one int array); snapshots are then drawn on demand, channel by channel in
 * {@link #channels()} order, each from its own random stream. Every snapshot of a channel holds a
 * random part of the channel's audience (each member present with probability {@value #PRESENCE}),
 * so more snapshots cover more of it, plus — when asked — bot accounts that sit in almost every chat.
 *
 * <p>The lake is immutable and thread-safe: {@link #snapshotsOf(int)} may be called from many
 * threads and always gives the same snapshots for the same spec.
 */
public final class SyntheticLake {

    /** Probability that one audience member is present in one snapshot of the channel. */
    public static final double PRESENCE = 0.5;

    // Calibration (see the summary of issue 4's sizes in the tests): 2,000,000 viewers visiting
    // about 3.4 channels each and present half the time give ~10 M chatter entries over
    // 5,000 channels x 3 snapshots, ~700 per snapshot.
    /** Community size weights follow rank^-COMMUNITY_ZIPF, jittered. */
    private static final double COMMUNITY_ZIPF = 0.75;
    /** Channel popularity inside a community follows rank^-CHANNEL_ZIPF. */
    private static final double CHANNEL_ZIPF = 0.85;
    /** Visits per viewer: 1 + floor(Lomax(scale, shape)), capped. */
    private static final double VISITS_SCALE = 3.5;
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
    private final byte[] loginPool;
    private final int[] loginOffset;
    private final int[] audienceOffset;
    private final int[] audience;
    private final List<String> bots;
    private final double[] botPresence;

    private SyntheticLake(SyntheticLakeSpec spec, List<String> channels, int[] channelCommunity,
                          int[] communityChannels, int[] communityViewers, int[] communityGame,
                          int[] communitySecondGame, int[] communityLanguage, byte[] loginPool, int[] loginOffset,
                          int[] audienceOffset, int[] audience, List<String> bots, double[] botPresence) {
        this.spec = spec;
        this.channels = channels;
        this.channelCommunity = channelCommunity;
        this.communityChannels = communityChannels;
        this.communityViewers = communityViewers;
        this.communityGame = communityGame;
        this.communitySecondGame = communitySecondGame;
        this.communityLanguage = communityLanguage;
        this.loginPool = loginPool;
        this.loginOffset = loginOffset;
        this.audienceOffset = audienceOffset;
        this.audience = audience;
        this.bots = bots;
        this.botPresence = botPresence;
    }

    /**
     * Draws the population of the lake described by {@code spec}. Takes memory proportional to
     * viewers plus memberships (about 4 bytes per membership and 20 per viewer), not to snapshots.
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

    /** The bot accounts that appear in snapshots (empty unless the spec asks for bots). */
    public List<String> bots() {
        return bots;
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
        List<String> present = new ArrayList<>(Math.max(16, (int) ((to - from) * PRESENCE * 1.2) + bots.size()));
        for (int s = 0; s < spec.snapshotsPerChannel(); s++) {
            Instant time = spec.start().plusSeconds(s * intervalSeconds + offsetSeconds);
            if (streamStart == null || Duration.between(streamStart, time).compareTo(MAX_STREAM) > 0) {
                streamStart = time.minusSeconds(900 + r.nextLong(3 * 3600));
            }
            present.clear();
            for (int k = from; k < to; k++) {
                if (r.nextDouble() < PRESENCE) {
                    present.add(login(audience[k]));
                }
            }
            int chatters = present.size();
            for (int b = 0; b < bots.size(); b++) {
                if (r.nextDouble() < botPresence[b]) {
                    present.add(bots.get(b));
                }
            }
            String snapshotGame = Catalog.GAMES.get(r.nextDouble() < 0.08 ? 0 : game);
            long viewerCount = Math.round(chatters * viewersPerChatter * (0.9 + 0.2 * r.nextDouble()));
            StreamMetadata meta = new StreamMetadata(viewerCount, snapshotGame, Catalog.LANGUAGES.get(language),
                    String.format(Locale.ROOT, titleTemplate, snapshotGame), Optional.of(streamStart));
            out.add(PresenceSnapshot.builder(channel, time)
                    .source(PresenceSourceKind.SYNTHETIC)
                    .stream(meta)
                    .chatters(present)
                    .build());
        }
        return out;
    }

    /** Login of viewer number {@code viewer} (0-based); for tests of uniqueness. */
    String login(int viewer) {
        int start = loginOffset[viewer];
        return new String(loginPool, start, loginOffset[viewer + 1] - start, StandardCharsets.ISO_8859_1);
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
            this.taken = new LoginSet(spec.viewers() + spec.channels() + 64);
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
            AliasTable[] channelTables = new AliasTable[k];
            for (int c = 0; c < k; c++) {
                double[] w = new double[members[c].length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = popularity[members[c][i]];
                }
                channelTables[c] = new AliasTable(w);
            }

            byte[][] pool = new byte[1][];
            int[] loginOffset = viewerLogins(pool);

            int viewers = spec.viewers();
            int blocks = (viewers + VIEWER_BLOCK - 1) / VIEWER_BLOCK;
            VisitBlock[] visitBlocks = IntStream.range(0, blocks).parallel()
                    .mapToObj(b -> visits(b, homeTable, channelTables, members))
                    .toArray(VisitBlock[]::new);

            int channelCount = channelLogins.size();
            int[] communityViewers = new int[k];
            long[] counts = new long[channelCount + 1];
            long total = 0;
            for (VisitBlock block : visitBlocks) {
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

            List<String> bots = spec.bots() ? List.copyOf(allBots) : List.of();
            double[] botPresence = new double[bots.size()];
            for (int b = 0; b < bots.size(); b++) {
                // Lurker bots crawl every chat; chat bots are in most channels.
                botPresence[b] = b < Catalog.CHAT_BOTS.size() ? 0.97 - 0.015 * b : 0.99 - 0.005 * (b - Catalog.CHAT_BOTS.size());
            }
            return new SyntheticLake(spec, channelLogins, channelCommunity, communityChannels, communityViewers,
                    game, secondGame, language, pool[0], loginOffset, audienceOffset, audience, bots, botPresence);
        }

        /** Channels per community: at least the minimum each, the rest by jittered Zipf weights, largest first. */
        private int[] communitySizes() {
            SplittableRandom r = Seeds.random(spec.seed(), Seeds.COMMUNITIES, 0);
            double[] weight = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                weight[c] = Math.pow(c + 1, -COMMUNITY_ZIPF) * Math.exp(0.15 * gaussian(r));
                sum += weight[c];
            }
            int free = spec.channels() - k * SyntheticLakeSpec.MIN_CHANNELS_PER_COMMUNITY;
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
                size[c] += SyntheticLakeSpec.MIN_CHANNELS_PER_COMMUNITY;
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
                logins[i] = uniqueName(Seeds.CHANNEL_NAMES, i, true);
            }
            Arrays.sort(logins);
            return List.of(logins);
        }

        /** A login not yet taken, drawn from the stream for ({@code purpose}, {@code index}). */
        private String uniqueName(long purpose, long index, boolean channel) {
            for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
                String login = draw(purpose, index, attempt, channel);
                if (taken.add(login)) {
                    return login;
                }
            }
            throw new IllegalStateException("no unused login after " + MAX_NAME_ATTEMPTS + " attempts for "
                    + (channel ? "channel " : "viewer ") + index);
        }

        private String draw(long purpose, long index, int attempt, boolean channel) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(spec.seed(), purpose, index * MAX_NAME_ATTEMPTS + attempt));
            return channel ? Names.channel(r) : Names.viewer(r);
        }

        /** Viewer logins into one byte pool; first drafts in parallel, uniqueness checked in viewer order. */
        private int[] viewerLogins(byte[][] poolOut) {
            int n = spec.viewers();
            int[] offset = new int[n + 1];
            byte[] pool = new byte[Math.max(64, n * 12)];
            int used = 0;
            int blocks = (n + VIEWER_BLOCK - 1) / VIEWER_BLOCK;
            for (int b = 0; b < blocks; b++) {
                int from = b * VIEWER_BLOCK;
                int to = Math.min(n, from + VIEWER_BLOCK);
                String[] drafts = IntStream.range(from, to).parallel()
                        .mapToObj(v -> draw(Seeds.VIEWER_NAMES, v, 0, false))
                        .toArray(String[]::new);
                for (int v = from; v < to; v++) {
                    String login = drafts[v - from];
                    if (!taken.add(login)) {
                        login = null;
                        for (int attempt = 1; attempt < MAX_NAME_ATTEMPTS && login == null; attempt++) {
                            String candidate = draw(Seeds.VIEWER_NAMES, v, attempt, false);
                            if (taken.add(candidate)) {
                                login = candidate;
                            }
                        }
                        if (login == null) {
                            throw new IllegalStateException("no unused login after " + MAX_NAME_ATTEMPTS
                                    + " attempts for viewer " + v);
                        }
                    }
                    if (used + login.length() > pool.length) {
                        pool = Arrays.copyOf(pool, Math.max(pool.length * 3 / 2, used + login.length()));
                    }
                    for (int i = 0; i < login.length(); i++) {
                        pool[used++] = (byte) login.charAt(i);
                    }
                    offset[v + 1] = used;
                }
            }
            poolOut[0] = Arrays.copyOf(pool, used);
            return offset;
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
                    popularity[ranked[rank]] = Math.pow(rank + 1, -CHANNEL_ZIPF);
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
