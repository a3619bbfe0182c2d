package io.vieweratlas.runners;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loopback Helix for the collector's commands: {@code /oauth2/validate} accepts the token as
 * {@code login}'s, and {@code /helix/streams} answers as Helix does, live streams by viewer count,
 * highest first, at most {@code first} of them, filtered by {@code user_login} when given. The
 * live channels are read from {@code live} at every request, so a test may change them.
 */
public final class FakeHelixStreams extends Dispatcher {

    private final String login;
    private final Map<String, Long> live;

    /**
     * @param login the token's account
     * @param live  live channel → viewer count, read at every request
     */
    public FakeHelixStreams(String login, Map<String, Long> live) {
        this.login = Objects.requireNonNull(login, "login");
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getRequestUrl().encodedPath();
        if (path.equals("/oauth2/validate")) {
            return json("{\"client_id\":\"cid\",\"login\":\"" + login + "\",\"user_id\":\"1\",\"expires_in\":9999}");
        }
        if (path.equals("/helix/streams")) {
            List<String> logins = request.getRequestUrl().queryParameterValues("user_login");
            int first = Integer.parseInt(request.getRequestUrl().queryParameter("first"));
            List<String> items = new ArrayList<>();
            live.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .filter(e -> logins.isEmpty() || logins.contains(e.getKey())).limit(first)
                    .forEach(e -> items.add("{\"id\":\"s\",\"user_id\":\"id-" + e.getKey() + "\",\"user_login\":\""
                            + e.getKey() + "\",\"game_name\":\"Chess\",\"type\":\"live\",\"title\":\"T\","
                            + "\"viewer_count\":" + e.getValue()
                            + ",\"started_at\":\"2026-11-24T10:00:00Z\",\"language\":\"en\"}"));
            return json("{\"data\":[" + String.join(",", items) + "],\"pagination\":{}}");
        }
        return new MockResponse().setResponseCode(404);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
