package io.vieweratlas.runners.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML config file into a {@link ConfigLayer}, with the line of every key for messages.
 *
 * <p>Loading is safe: only plain maps, lists and scalars are built ({@link SafeConstructor}), so
 * a file cannot instantiate arbitrary classes; duplicate keys and alias bombs are rejected.
 */
public final class YamlConfigFile {

    private YamlConfigFile() {
    }

    /**
     * Parses {@code file}.
     *
     * @throws ConfigException naming the file (and line) when it cannot be read or parsed
     */
    public static ConfigLayer read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("config file " + file + " does not exist"));
        } catch (MalformedInputException e) {
            throw new ConfigException(List.of("config file " + file + " is not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of("config file " + file + " cannot be read: " + e.getMessage()));
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML {@code text} that came from {@code origin}. */
    public static ConfigLayer parse(String origin, String text) {
        Yaml yaml = new Yaml(new SafeConstructor(options()));
        Object loaded;
        Node root;
        try {
            loaded = yaml.load(text);
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? origin : origin + ":" + (mark.getLine() + 1);
            throw new ConfigException(List.of(where + ": invalid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new ConfigException(List.of(origin + ": invalid YAML: " + e.getMessage()));
        }
        if (loaded == null) {
            return new ConfigLayer(origin, Map.of());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new ConfigException(List.of(origin + ": the top level must be a map of sections and keys"));
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> values.put(String.valueOf(k), v));
        Map<String, String> locations = new HashMap<>();
        collectLocations(origin, "", root, locations);
        return new ConfigLayer(origin, values, locations);
    }

    private static void collectLocations(String origin, String prefix, Node node, Map<String, String> out) {
        if (!(node instanceof MappingNode mapping)) {
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                String path = prefix + key.getValue();
                out.put(path, origin + ":" + (key.getStartMark().getLine() + 1));
                if (prefix.isEmpty()) {
                    collectLocations(origin, path + ".", tuple.getValueNode(), out);
                }
            }
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(1_000_000);
        return options;
    }
}
