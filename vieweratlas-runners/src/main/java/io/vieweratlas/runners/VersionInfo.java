package io.vieweratlas.runners;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, for {@code --version} and run records. */
public final class VersionInfo implements CommandLine.IVersionProvider {

    private static final String VERSION = load();

    /** The project version, e.g. {@code 0.1.0}. */
    public static String version() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vieweratlas " + VERSION,
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
    }

    private static String load() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("/io/vieweratlas/runners/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
