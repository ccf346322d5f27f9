package io.trailguard.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.RulePack;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The rule pack that ships with trailguard, read from this module's resources (a directory in a build, a jar entry
 * when packaged).
 *
 * @since 0.1.0
 */
public final class BuiltinRules {
    private static final String ROOT = "/io/trailguard/rules/pack/README.md";
    /** The pack precompiled by {@link PackCompiler} during the build. */
    static final String COMPILED = "/io/trailguard/rules/compiled-pack.json";
    private static RulePack pack;
    private static RulePack fromFiles;

    private BuiltinRules() {
    }

    /**
     * The built-in rules, parsed once from the pack precompiled at build time (the same rules as the YAML files, which
     * a test checks), else from the YAML files where the build did not precompile them (an IDE's). Precompiled rules
     * have no {@link io.trailguard.core.dsl.RuleDefinition#file() file}: {@link #fromFiles()} has the files, which
     * running the rules' own test cases needs.
     */
    public static synchronized RulePack pack() {
        if (pack == null) {
            RulePack p = precompiled();
            pack = p != null ? p : fromFiles();
        }
        return pack;
    }

    /**
     * The built-in rules parsed once from their YAML files in {@link #directory()}, each with its file (shown by
     * {@code rules list} and {@code rules explain}, and what its test cases' fixtures are found from). Slower to load
     * than {@link #pack()}: the jar is opened as a file system.
     */
    public static synchronized RulePack fromFiles() {
        if (fromFiles == null) {
            fromFiles = RulePack.load(directory());
        }
        return fromFiles;
    }

    /** The precompiled pack, or {@code null} when this build has none. */
    private static RulePack precompiled() {
        try (InputStream in = BuiltinRules.class.getResourceAsStream(COMPILED)) {
            if (in == null) {
                return null;
            }
            JsonNode compiled = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(in);
            return RulePack.parse(PackCompiler.read(compiled, ROOT.substring(0, ROOT.lastIndexOf('/') + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the precompiled rule pack " + COMPILED, e);
        }
    }

    /** The directory holding the rule files and their fixtures (inside the jar when packaged). */
    public static Path directory() {
        URL url = BuiltinRules.class.getResource(ROOT);
        if (url == null) {
            throw new IllegalStateException("the built-in rule pack is missing from the classpath (" + ROOT + ")");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.provider().getPath(uri).getParent();
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
