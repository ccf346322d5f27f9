package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Turns an AWS Config snapshot or history file, as Config delivers it to S3 ({@code {"fileVersion": …,
 * "configurationItems": […]}}, optionally gzipped), into a trailguard snapshot with the mapping of
 * {@link ConfigItemMapper}.
 *
 * <p>A history file may hold several items of one resource: the latest capture wins, and a resource whose latest
 * item records its deletion is left out. Items of types trailguard does not evaluate are skipped. Fields Config does
 * not record become {@code errors} entries with code {@value ConfigItemMapper#NOT_RECORDED}.
 *
 * @since 0.1.0
 */
public final class ConfigSnapshotReader {
    private ConfigSnapshotReader() {
    }

    /**
     * Reads a Config snapshot or history file (plain or gzipped JSON).
     *
     * @throws IllegalArgumentException when the file is not a Config snapshot / history file (the message names it)
     * @throws UncheckedIOException     when it cannot be read
     */
    public static ObjectNode read(Path file) {
        JsonNode root;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw) : raw;
            root = ConfigItemMapper.JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("configurationItems").isArray()) {
            throw new IllegalArgumentException(file + ": not an AWS Config snapshot or history file: expected an "
                    + "object with a 'configurationItems' array (and 'fileVersion')");
        }
        List<JsonNode> items = new ArrayList<>();
        root.path("configurationItems").forEach(items::add);
        return fromItems(items, file.getFileName().toString());
    }

    /** Builds a snapshot from configuration items; {@code source} names where they came from. */
    public static ObjectNode fromItems(List<JsonNode> items, String source) {
        Map<String, ConfigItemMapper.Mapped> latest = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode item : items) {
            index++;
            ConfigItemMapper.Mapped m;
            try {
                m = ConfigItemMapper.map(item);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": configurationItems[" + (index - 1) + "]: "
                        + e.getMessage(), e);
            }
            String key = m.resourceType() + "|" + m.configResourceId() + "|" + m.accountId() + "|" + m.region();
            ConfigItemMapper.Mapped prev = latest.get(key);
            if (prev == null || prev.captureTime() == null
                    || m.captureTime() != null && !m.captureTime().isBefore(prev.captureTime())) {
                latest.put(key, m);
            }
        }
        Map<String, TreeSet<String>> regions = new TreeMap<>();
        Instant captured = null;
        ArrayNode resources = ConfigItemMapper.F.arrayNode();
        ArrayNode errors = ConfigItemMapper.F.arrayNode();
        for (ConfigItemMapper.Mapped m : latest.values()) {
            if (m.accountId() != null) {
                TreeSet<String> rs = regions.computeIfAbsent(m.accountId(), k -> new TreeSet<>());
                if (m.region() != null && !m.region().equals("global")) {
                    rs.add(m.region());
                }
            }
            if (m.captureTime() != null && (captured == null || m.captureTime().isAfter(captured))) {
                captured = m.captureTime();
            }
            if (m.resource() == null) {
                continue;
            }
            resources.add(m.resource());
            m.errors().forEach(errors::add);
        }
        ObjectNode s = ConfigItemMapper.F.objectNode();
        s.put("snapshotVersion", 1);
        s.put("capturedAt", (captured == null ? Instant.now() : captured).truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode src = s.putObject("source");
        src.put("kind", "aws-config");
        src.put("file", source);
        ArrayNode accounts = s.putArray("accounts");
        regions.forEach((id, rs) -> {
            ObjectNode a = accounts.addObject();
            a.put("id", id);
            ArrayNode r = a.putArray("regions");
            rs.forEach(r::add);
        });
        s.set("resources", resources);
        s.set("errors", errors);
        return s;
    }
}
