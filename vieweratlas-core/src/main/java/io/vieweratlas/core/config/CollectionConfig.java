package io.vieweratlas.core.config;

/**
 * Live collection settings (section {@code collection}).
 *
 * @param topChannelsLimit          top live channels to discover
 * @param batchSize                 channels per batch in the original's batched sampling
 * @param durationPerBatch          seconds per batch in the original's batched sampling
 * @param waitForHourAlignment      align windows to the top of the hour
 * @param collectionIntervalMinutes minutes between discovery cycles
 * @param maxRuntimeHours           stop after this many hours (0 = no limit)
 * @param maxCollectionCycles       stop after this many windows (0 = no limit)
 * @param windowSeconds             length of one presence window
 * @param channelsFile              extra channels to watch, one login per line
 * @param pseudonymize              store viewer logins as keyed pseudonyms (key from {@code VIEWERATLAS_PSEUDONYM_KEY})
 */
public record CollectionConfig(int topChannelsLimit, int batchSize, int durationPerBatch,
                               boolean waitForHourAlignment, int collectionIntervalMinutes,
                               double maxRuntimeHours, int maxCollectionCycles, int windowSeconds,
                               String channelsFile, boolean pseudonymize) {
}
