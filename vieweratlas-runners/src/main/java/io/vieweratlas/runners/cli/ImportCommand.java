package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.privacy.Pseudonymizer;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.vod.VodIngest;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.vod.TwitchDownloaderJson;
import io.vieweratlas.twitch.vod.VodChat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code import --format twitchdownloader FILE…}: TwitchDownloader chat JSON files into the same
 * curated presence buckets the VOD collector writes (source {@code import}). A file that cannot
 * be read is reported with its name and skipped; the others are still imported (exit 1 then).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import chat archives (TwitchDownloader chat JSON) as VOD presence buckets.")
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Archive format; supported: twitchdownloader.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Chat files to import.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Inject
    Provider<ObjectStore> store;

    @Inject
    Provider<Pseudonymizer> pseudonymizer;

    @Inject
    Provider<RunRecorder> recorder;

    @Override
    public Integer call() throws Exception {
        if (!"twitchdownloader".equals(format.toLowerCase(Locale.ROOT))) {
            throw new UsageException("--format '" + format + "' is not supported (supported: twitchdownloader)");
        }
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        Guice.createInjector(new BaseModule(config)).injectMembers(this);
        VodIngest ingest = new VodIngest(store.get(), config.vod().bucketLenS(), pseudonymizer.get());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> inputs = new TreeMap<>(Map.of("format", "twitchdownloader", "files", files.size()));
        return recorder.get().record("import", config, inputs, run -> {
            int failed = 0;
            for (Path file : files) {
                try {
                    VodChat chat = TwitchDownloaderJson.read(Files.readAllBytes(file), file.toString());
                    VodIngest.Result r = ingest.ingest(chat, PresenceSourceKind.IMPORT, false);
                    run.add("files_imported", 1);
                    run.add("comments", r.comments());
                    run.add("buckets", r.buckets());
                    run.add("deleted_commenters_skipped", chat.replay().deletedCommenters());
                    out.printf(Locale.ROOT, "%s: VOD %s of %s, %d comments -> %d buckets%s%n", file, chat.vodId(),
                            chat.channelLogin(), r.comments(), r.buckets(),
                            r.curatedKey().map(k -> " at " + k).orElse(" (no messages, nothing written)"));
                } catch (IOException | IllegalArgumentException e) {
                    failed++;
                    String message = e instanceof IOException ? file + ": cannot read (" + e.getMessage() + ")"
                            : e.getMessage();
                    err.println("import: " + message);
                    run.error(message);
                }
            }
            out.flush();
            err.flush();
            run.count("files_failed", failed);
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        });
    }
}
