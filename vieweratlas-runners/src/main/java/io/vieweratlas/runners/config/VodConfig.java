package io.vieweratlas.runners.config;

/**
 * VOD collection settings (section {@code vod}).
 *
 * @param enabled            collect VOD chat replays
 * @param bucketLenS         presence bucket length in seconds
 * @param autoDiscover       discover recent VODs of known channels
 * @param vodLimitPerChannel VODs per channel per UTC day
 * @param maxAgeHours        only VODs younger than this (0 = use maxAgeDays)
 * @param maxAgeDays         fallback age limit
 * @param minViews           skip VODs with fewer views
 * @param maxVodsPerRun      hard stop per run
 * @param maxProcessingHours stop a run after this long
 * @param rateLimitDelayS    delay between replay requests
 */
public record VodConfig(boolean enabled, int bucketLenS, boolean autoDiscover, int vodLimitPerChannel,
                        int maxAgeHours, int maxAgeDays, int minViews, int maxVodsPerRun,
                        double maxProcessingHours, double rateLimitDelayS) {
}
