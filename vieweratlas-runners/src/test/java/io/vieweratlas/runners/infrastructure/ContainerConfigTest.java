package io.vieweratlas.runners.infrastructure;

import io.vieweratlas.runners.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration baked into the role images is valid, and the task definitions run the commands
 * with it: a broken production.yaml would otherwise only show up as exit code 2 in ECS.
 */
class ContainerConfigTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void productionConfigurationIsValidAndSetsTheContainerPaths() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("validate-config", "--config",
                ROOT.resolve("infrastructure/docker/production.yaml").toString());
        assertEquals(0, code, err.toString());
        String shown = out.toString();
        assertTrue(shown.contains("collection.channels_file = /app/config/channels.txt"), shown);
        assertTrue(shown.contains("analysis.output_dir = /tmp/community_analysis"), shown);
        assertTrue(shown.contains("vod.enabled = true"), shown);
    }

    @Test
    void taskDefinitionsRunTheBakedConfigurationWithTheRoleCommand() throws Exception {
        for (String[] role : List.of(new String[] {"collector", "continuous"}, new String[] {"analysis", "analyze"},
                new String[] {"vod-collector", "vod"})) {
            String json = Files.readString(ROOT.resolve("infrastructure/aws/task-definitions/" + role[0] + ".json"));
            assertTrue(json.contains("\"command\": [\"" + role[1] + "\", \"--config\", \"/app/config/config.yaml\"]"),
                    role[0]);
            String dockerfile = Files.readString(ROOT.resolve("infrastructure/docker/Dockerfile"));
            assertTrue(dockerfile.contains("FROM runtime AS " + role[0] + "\nENV VIEWERATLAS_ROLE=" + role[0]
                    + "\nCMD [\"" + role[1] + "\", \"--config\", \"/app/config/config.yaml\"]"), role[0]);
        }
    }
}
