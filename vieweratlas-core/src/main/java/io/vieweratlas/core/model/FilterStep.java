package io.vieweratlas.core.model;

import java.util.Objects;

/**
 * What one audience filter removed.
 *
 * @param filter              filter name ({@code bots}, {@code heavy_accounts}, {@code min_observations}, {@code min_channel_viewers})
 * @param limit               the filter's setting in effect: bot names configured, channels per account,
 *                            observations, viewers
 * @param removedAccounts     viewer accounts that lost every membership through this filter
 * @param removedMemberships  viewer-channel memberships removed
 * @param removedChannels     channels removed
 */
public record FilterStep(String filter, long limit, long removedAccounts, long removedMemberships, long removedChannels) {
    public FilterStep {
        Objects.requireNonNull(filter, "filter");
    }
}
