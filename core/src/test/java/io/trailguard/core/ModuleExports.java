package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a module's descriptor against what its packages say of themselves: a package is exported to everyone
 * exactly when its package-info's javadoc calls it API ("(API)", "(public API)", "Public API", "is public API", "The
 * trailguard library API"), and never when it calls itself implementation ("not API", "Not API"). Shared by the
 * modules' tests (core's test-jar).
 */
public final class ModuleExports {
    private static final Pattern NOT_API = Pattern.compile("not API|Not API");
    private static final Pattern API = Pattern.compile("\\bAPI\\b");

    private ModuleExports() {
    }

    /** The descriptor compiled into {@code target/classes} of the module under test. */
    public static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** The packages exported to every module. */
    public static Set<String> publicExports(ModuleDescriptor d) {
        Set<String> out = new TreeSet<>();
        d.exports().stream().filter(e -> !e.isQualified()).forEach(e -> out.add(e.source()));
        return out;
    }

    /** The packages of {@code src/main/java} whose package-info calls them API. */
    public static Set<String> apiPackages() throws IOException {
        Set<String> out = new TreeSet<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.getFileName().toString().equals("package-info.java")).toList()) {
                String text = Files.readString(p);
                String doc = text.substring(0, Math.max(0, text.indexOf("*/")));
                if (API.matcher(doc).find() && !NOT_API.matcher(doc).find()) {
                    out.add(root.relativize(p.getParent()).toString().replace('/', '.'));
                }
            }
        }
        return out;
    }

    /** Asserts that the module exports to everyone exactly its API packages. */
    public static void assertExportsMatchPackageDocs() throws IOException {
        ModuleDescriptor d = descriptor();
        assertThat(publicExports(d)).as("packages exported to everyone by " + d.name()
                + " (a package-info that says API ⇔ exported)").isEqualTo(apiPackages());
    }

}
