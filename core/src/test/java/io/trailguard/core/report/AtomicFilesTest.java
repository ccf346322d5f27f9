package io.trailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailguard.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesWholeAndAFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out/snapshot.json");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("second");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("second");
        try (var s = Files.list(target.getParent())) {
            assertThat(s.toList()).containsExactly(target);
        }
    }

    @Test
    void aSymlinkIsWrittenThroughAndKept() throws Exception {
        Path real = Files.writeString(dir.resolve("real.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("real.txt"));
        AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void directoriesRootAPathUnderAFileAndDanglingLinksAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("missing"));
        assertThatThrownBy(() -> AtomicFiles.write(dir, new byte[0])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> AtomicFiles.write(Path.of("/"), new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("report.txt"), new byte[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a file, not a directory");
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("dangling"), new byte[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aFifoIsWrittenIntoNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "SKIPPED: no mkfifo");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFiles.write(fifo, "through the pipe".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void staleTemporaryFilesOfDeadRunsAreRemovedOthersKept() throws Exception {
        Path dead = Files.writeString(dir.resolve(".trailguard-report.json.2147483646-abc.tmp"), "half");
        Path old = Files.writeString(dir.resolve(".trailguard-report.json." + ProcessHandle.current().pid() + "-old.tmp"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(2 * 86400)));
        Path live = Files.writeString(dir.resolve(".trailguard-report.json." + ProcessHandle.current().pid() + "-live.tmp"), "x");
        Path foreign = Files.writeString(dir.resolve(".report.json.123.tmp"), "not ours");
        AtomicFiles.write(dir.resolve("report.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(dead).doesNotExist();
        assertThat(old).doesNotExist();
        assertThat(live).exists();
        assertThat(foreign).exists();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") && n.startsWith(".trailguard-"))
                    .toList()).containsExactly(live.getFileName().toString());
        }
    }
}
