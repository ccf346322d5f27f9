package io.trailguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Where {@code trailguard logs} reads: {@code s3://bucket[/prefix]} or a local copy's directory; and option parsing. */
record LogLocation(String bucket, String prefix, Path dir) {

    boolean s3() {
        return dir == null;
    }

    /** Reads {@code s3://bucket[/prefix]} or a directory that exists. */
    static LogLocation parse(String text, String option) {
        if (text.startsWith("s3://")) {
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isEmpty()) {
                throw new Main.UserError("trailguard: " + option + ": no bucket in " + text + " (expected s3://BUCKET[/PREFIX])");
            }
            return new LogLocation(bucket, slash < 0 ? "" : rest.substring(slash + 1), null);
        }
        Path p = Path.of(text);
        if (!Files.isDirectory(p)) {
            throw new Main.UserError("trailguard: " + option + ": " + text + " is neither s3://BUCKET[/PREFIX] nor a "
                    + "directory (a local copy of the bucket, as trailguard logs fetch writes it)");
        }
        return new LogLocation(null, "", p);
    }

    /** An ISO instant ({@code 2026-03-01T10:00:00Z}) or a date ({@code 2026-03-01}, midnight UTC); {@code null} stays. */
    static Instant time(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Main.UserError("trailguard: " + option + ": " + text + " is not a UTC time (2026-03-01T10:00:00Z) "
                    + "or a date (2026-03-01)");
        }
    }

    /** A comma-separated list option as a set. */
    static Set<String> list(String text) {
        return text == null ? Set.of() : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
