package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.config.ConfigLoader;
import io.vieweratlas.runners.config.LegacyUse;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Loads and checks the configuration, then prints every value that differs from the built-in default
 * and where it came from, and the original project's names it found with what each became.
 */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = "Check a configuration (file, preset, environment) and show the values that differ from the defaults.")
public final class ValidateConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConfigLoader.LoadedConfig loaded = configOptions.load(Map.of());
        ViewerAtlasConfig config = loaded.config();
        PrintWriter out = spec.commandLine().getOut();
        out.println("configuration is valid");
        out.println("  file:   " + loaded.file().map(Object::toString).orElse("(none: built-in defaults)"));
        out.println("  preset: " + config.preset().cliName());
        Map<String, Object> values = config.toRedactedMap();
        config.origins().forEach((path, origin) -> {
            if (!origin.equals("default")) {
                int dot = path.indexOf('.');
                Object value = dot < 0 ? values.get(path)
                        : ((Map<?, ?>) values.get(path.substring(0, dot))).get(path.substring(dot + 1));
                out.println("  " + path + " = " + value + "   (" + origin + ")");
            }
        });
        if (!loaded.legacy().isEmpty()) {
            out.println("names of the original project (" + loaded.legacy().size() + "; see docs/MIGRATING.md):");
            for (LegacyUse use : loaded.legacy()) {
                String what = switch (use.outcome()) {
                    case MAPPED -> "-> " + use.name().target().orElseThrow();
                    case IGNORED -> "ignored: " + use.name().note();
                    case OVERRIDDEN -> "ignored: " + use.name().target().orElseThrow() + " is also set ("
                            + use.overridden().orElseThrow() + ")";
                };
                out.println("  " + use.name().name() + " = " + use.value() + "   " + what + "   (" + use.location() + ")");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
