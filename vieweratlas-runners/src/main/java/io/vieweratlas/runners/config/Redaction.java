package io.vieweratlas.runners.config;

import java.util.regex.Pattern;

/** Hides secrets in text that may be logged or stored: tokens, and credentials inside URLs. */
public final class Redaction {

    private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern OAUTH_TOKEN = Pattern.compile("(?i)(oauth:|bearer\\s+)[a-z0-9._~+/=-]+");
    private static final Pattern QUERY_SECRET =
            Pattern.compile("(?i)((?:client_secret|access_token|token|password)=)[^&\\s]+");

    private Redaction() {
    }

    /** {@code url} with any {@code user:password@} part replaced by {@code ***@}. */
    public static String url(String url) {
        return URL_USERINFO.matcher(url).replaceAll("***@");
    }

    /** {@code text} with OAuth tokens, bearer tokens, secret query parameters and URL credentials hidden. */
    public static String text(String text) {
        String t = url(text);
        t = OAUTH_TOKEN.matcher(t).replaceAll("$1***");
        return QUERY_SECRET.matcher(t).replaceAll("$1***");
    }
}
