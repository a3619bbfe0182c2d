package io.vieweratlas.runners;

import java.util.Map;

/**
 * The one place the runners read the process environment. Everything else takes the variables
 * as a {@code Map} (configuration overrides, Twitch credentials, the pseudonym key, log and metric
 * formats, the heartbeat file), so tests hand in their own and a reader can find every variable
 * the program consults by following this method's callers.
 */
public final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    /**
     * The environment of this process.
     *
     * @return an unmodifiable map of variable to value
     */
    public static Map<String, String> variables() {
        return System.getenv();
    }
}
