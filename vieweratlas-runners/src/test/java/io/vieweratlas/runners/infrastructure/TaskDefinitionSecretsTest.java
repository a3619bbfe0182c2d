package io.vieweratlas.runners.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which secrets each task gets: only the roles that talk to Twitch get the Twitch credentials, every
 * role that may pseudonymise (all three build the snapshot store, which needs the key when
 * {@code collection.pseudonymize} is on) gets {@code VIEWERATLAS_PSEUDONYM_KEY}, and every secret comes
 * from Secrets Manager, never as a plain environment value.
 */
class TaskDefinitionSecretsTest {
    private static final Path DEFS = Path.of("..", "infrastructure", "aws", "task-definitions").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> secrets(JsonNode container) {
        Map<String, String> out = new TreeMap<>();
        container.get("secrets").forEach(s -> out.put(s.get("name").asText(), s.get("valueFrom").asText()));
        return out;
    }

    @Test
    void twitchSecretsOnlyWhereTwitchIsCalledAndThePseudonymKeyEverywhereFromSecretsManager() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "collector", List.of("TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_OAUTH_TOKEN", "VIEWERATLAS_PSEUDONYM_KEY"),
                "vod-collector", List.of("TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET", "TWITCH_OAUTH_TOKEN",
                        "VIEWERATLAS_PSEUDONYM_KEY"),
                "analysis", List.of("VIEWERATLAS_PSEUDONYM_KEY"));
        for (Map.Entry<String, List<String>> role : expected.entrySet()) {
            JsonNode container = JSON.readTree(DEFS.resolve(role.getKey() + ".json").toFile()).get("containerDefinitions").get(0);
            Map<String, String> secrets = secrets(container);
            assertEquals(role.getValue(), new ArrayList<>(secrets.keySet()), role.getKey());
            assertEquals("${PSEUDONYM_SECRET_ARN}:VIEWERATLAS_PSEUDONYM_KEY::", secrets.get("VIEWERATLAS_PSEUDONYM_KEY"));
            secrets.forEach((name, from) -> assertTrue(from.startsWith("${TWITCH_SECRET_ARN}:" + name + "::")
                    || from.startsWith("${PSEUDONYM_SECRET_ARN}:" + name + "::"), role.getKey() + " " + name));
            container.get("environment").forEach(e -> assertTrue(!e.get("name").asText().contains("TWITCH")
                    && !e.get("name").asText().contains("PSEUDONYM"), role.getKey() + ": secret as plain value " + e));
        }
    }
}
