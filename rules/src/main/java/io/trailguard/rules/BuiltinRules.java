package io.trailguard.rules;

import io.trailguard.core.RulePack;
import java.io.IOException;
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
    private static volatile RulePack pack;

    private BuiltinRules() {
    }

    /** The built-in rules, parsed once. */
    public static RulePack pack() {
        RulePack p = pack;
        if (p == null) {
            synchronized (BuiltinRules.class) {
                p = pack;
                if (p == null) {
                    p = RulePack.load(directory());
                    pack = p;
                }
            }
        }
        return p;
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
