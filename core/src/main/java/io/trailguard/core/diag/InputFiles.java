package io.trailguard.core.diag;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading users' input files with positions in every error: UTF-8 text whose first bad byte is named by line and
 * column, and JSON syntax errors at Jackson's location (or the parser's, where Jackson gives none). Internal.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * The file's text.
     *
     * @param what what the file is, for messages ("the suppressions file")
     * @throws InvalidInputException when it does not exist, cannot be read, or is not UTF-8 (with the line and column
     *     of the first byte that is not)
     */
    public static String readUtf8(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, "no such file (" + what + ")", null));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, "cannot read " + what + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null));
        }
        return utf8(file.toString(), bytes);
    }

    /** The bytes decoded as UTF-8 (a leading byte order mark dropped), or an error at the first bad byte. */
    public static String utf8(String source, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String s = d.decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int col = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new InvalidInputException(new Problem(source, line, col, String.format("not UTF-8 text: byte 0x%02x "
                    + "here is not part of a UTF-8 character; save the file as UTF-8", bytes[bad] & 0xff), null));
        }
    }

    private static int firstBadByte(byte[] b) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
        d.decode(in, out, true);
        return Math.min(in.position(), b.length - 1);
    }

    /** A JSON syntax or limit error at its line and column; {@code fallback} (the parser's location) when Jackson has none. */
    public static Problem json(String source, String prefix, JsonProcessingException e, JsonLocation fallback) {
        JsonLocation l = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation()
                : fallback != null ? fallback
                : e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p ? p.currentLocation() : null;
        int line = l == null || l.getLineNr() < 1 ? 1 : l.getLineNr();
        int col = l == null || l.getColumnNr() < 1 ? 1 : l.getColumnNr();
        String msg = e.getOriginalMessage();
        int src = msg == null ? -1 : msg.indexOf(" (start marker at [Source");
        if (src >= 0) {
            msg = msg.substring(0, src);
        }
        return new Problem(source, line, col, prefix + msg, null);
    }

    /**
     * A problem at a JSON pointer, for formats read as trees without lines: the whole document ({@code ""}) is at
     * line 1, column 1.
     */
    public static Problem at(String source, String pointer, String message) {
        return pointer.isEmpty() ? new Problem(source, 1, 1, message, null)
                : new Problem(source, 0, 0, "at " + pointer + ": " + message, null);
    }
}
