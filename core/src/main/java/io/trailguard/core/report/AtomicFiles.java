package io.trailguard.core.report;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files whole or not at all: the content goes to a temporary file beside the target, which is then renamed
 * over it, so a reader never sees half a report and a failed write leaves the old file in place.
 *
 * <p>What the target may be: a regular file or a new name is replaced as above; a symbolic link is written through
 * (the file it names is replaced and the link stays, as a shell's {@code >} would); a FIFO, a device node or another
 * special file is never replaced but written into directly ({@code -o /dev/null}, a named pipe), which cannot be
 * whole-or-nothing. A directory, a dangling link, a path under a regular file or {@code /} is refused with an
 * {@link InvalidInputException} naming the path. The temporary file is {@code .trailguard-NAME.PID-RANDOM.tmp}; one
 * left behind by a killed run (its process gone, or older than a day) is removed by the next write into that
 * directory.
 *
 * @since 0.1.0
 */
public final class AtomicFiles {
    private static final String PREFIX = ".trailguard-";
    private static final String SUFFIX = ".tmp";
    private static final Duration STALE = Duration.ofDays(1);

    private AtomicFiles() {
    }

    /** A temporary file is private (0600); give the report the target's permissions, or the usual rw-r--r--. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** What writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Writes a file whole or not at all, streaming its content (buffered) into a temporary file that then replaces
     * the target; see the class comment for links and special files.
     *
     * @throws InvalidInputException when the target cannot be a file (a directory, under a regular file, {@code /})
     *     or the file system refuses it (permissions, read-only)
     * @since 0.1.0
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        try {
            BasicFileAttributes attrs = attributes(abs);
            if (attrs != null && attrs.isDirectory()) {
                throw refused(target, "is a directory; give the path of a file to write");
            }
            if (attrs != null && attrs.isOther()) {
                writeThrough(abs, content);
                return;
            }
            if (attrs == null && Files.isSymbolicLink(abs)) {
                throw refused(target, "is a symbolic link to " + Files.readSymbolicLink(abs)
                        + ", which does not exist; remove the link or create its target first");
            }
            if (attrs != null && Files.isSymbolicLink(abs)) {
                abs = abs.toRealPath();
            }
            Path dir = abs.getParent();
            if (dir == null || abs.getFileName() == null) {
                throw refused(target, "is not a file name; give the path of a file to write");
            }
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw refused(target, "cannot be created: " + p + " is a file, not a directory");
                    }
                    break;
                }
            }
            Files.createDirectories(dir);
            String name = abs.getFileName().toString();
            removeStale(dir, name);
            replace(abs, dir, name, content);
        } catch (FileSystemException e) {
            throw refused(target, "cannot be written: " + reason(e));
        }
    }

    private static void replace(Path abs, Path dir, String name, Content content) throws IOException {
        Path tmp = dir.resolve(PREFIX + name + "." + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + SUFFIX);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try {
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                 OutputStream out = new java.io.BufferedOutputStream(new KeepOpen(file), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                file.getFD().sync();
            }
            keepPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A FIFO, device or other special file: written into, never replaced. */
    private static void writeThrough(Path abs, Content content) throws IOException {
        try (OutputStream raw = Files.newOutputStream(abs, StandardOpenOption.WRITE);
             OutputStream out = new java.io.BufferedOutputStream(new KeepOpen(raw), 1 << 16)) {
            content.writeTo(out);
        }
    }

    /** Removes this target's temporary files left by runs that no longer exist (or are older than a day). */
    private static void removeStale(Path dir, String name) {
        String prefix = PREFIX + name + ".";
        Instant old = Instant.now().minus(STALE);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(SUFFIX);
        })) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid = -1;
                try {
                    pid = dash < 0 ? -1 : Long.parseLong(rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    pid = -1;
                }
                boolean gone = pid > 0 && ProcessHandle.of(pid).isEmpty();
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && (gone || a.lastModifiedTime().toInstant().isBefore(old))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy: it never stops a report from being written
        }
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            // a path under a regular file ("Not a directory"): the parent check below names it
            return null;
        }
    }

    private static String reason(FileSystemException e) {
        String r = e.getReason();
        if (e instanceof java.nio.file.AccessDeniedException) {
            r = "permission denied" + (e.getFile() != null ? " (" + e.getFile() + ")" : "");
        } else if (r == null) {
            r = e.getClass().getSimpleName() + (e.getFile() != null ? " " + e.getFile() : "");
        } else if (e.getFile() != null) {
            r = r + " (" + e.getFile() + ")";
        }
        return r;
    }

    private static InvalidInputException refused(Path target, String message) {
        return new InvalidInputException(new Problem(target.toString(), 0, 0, message, null));
    }

    /** Lets a writer close its stream (Jackson does) without closing the file before it is synced. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
