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
            root = ConfigJson.JSON.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(io.trailguard.core.diag.InputFiles.json(file.toString(),
                    "not valid JSON: ", e, null).format(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("configurationItems").isArray()) {
            throw new IllegalArgumentException(file + ":1:1: not an AWS Config snapshot or history file: expected an "
                    + "object with a 'configurationItems' array (and 'fileVersion')");
        }
        List<JsonNode> items = new ArrayList<>();
        root.path("configurationItems").forEach(items::add);
        return fromItems(items, file.getFileName().toString());
    }

    /** Types listed per account (not per region) in trailguard snapshots. */
    private static final java.util.Set<String> GLOBAL_TYPES = java.util.Set.of("AWS::IAM::Role",
            "AWS::Route53::HostedZone", "AWS::S3::AccountPublicAccessBlock");

    /**
     * A Config file without items of a type cannot tell "there are none" from "the recorder does not record the
     * type". Unless a configuration recorder item of that account and region shows the type is recorded
     * ({@code allSupported}, or the type in {@code resourceTypes}), the list of that type is marked incomplete, so
     * the rules that look for such resources say UNKNOWN instead of concluding there are none.
     */
    private static void unrecordedTypes(ArrayNode resources, Map<String, TreeSet<String>> regions, ArrayNode errors,
                                        String source) {
        java.util.Set<String> present = new java.util.HashSet<>();
        Map<String, JsonNode> recorders = new java.util.HashMap<>();
        for (JsonNode r : resources) {
            String type = r.path("type").asText();
            present.add(type + "|" + r.path("accountId").asText() + "|" + r.path("region").asText());
            if (type.equals("AWS::Config::ConfigurationRecorder")) {
                recorders.put(r.path("accountId").asText() + "|" + r.path("region").asText(),
                        r.path("configuration").path("recordingGroup"));
            }
        }
        regions.forEach((account, rs) -> {
            java.util.Set<String> places = new TreeSet<>(rs);
            places.add("global");
            for (String region : places) {
                for (String type : new TreeSet<>(ConfigItemMapper.TYPES)) {
                    boolean global = GLOBAL_TYPES.contains(type);
                    if (global != region.equals("global") || present.contains(type + "|" + account + "|" + region)) {
                        continue;
                    }
                    if (recorded(type, global ? recorders.values() : java.util.List.of(
                            recorders.getOrDefault(account + "|" + region, ConfigJson.F.missingNode())))) {
                        continue;
                    }
                    ObjectNode e = errors.addObject();
                    e.put("accountId", account);
                    e.put("region", region);
                    e.put("service", "config");
                    e.put("operation", "ListDiscoveredResources");
                    e.put("code", ConfigItemMapper.NOT_RECORDED);
                    e.put("message", source + " has no " + type + " items for this account and region, and no "
                            + "recorder item shows the type is recorded: there may be none, or Config may not record "
                            + "it. Scan a live collection (trailguard collect) to tell.");
                    e.put("resourceType", type);
                }
            }
        });
    }

    private static boolean recorded(String type, java.util.Collection<JsonNode> groups) {
        for (JsonNode g : groups) {
            if (g.path("allSupported").asBoolean(false)) {
                return true;
            }
            for (JsonNode t : g.path("resourceTypes")) {
                if (t.asText().equals(type)) {
                    return true;
                }
            }
        }
        return false;
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
                throw new IllegalArgumentException(source + " at /configurationItems/" + (index - 1) + ": "
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
        ArrayNode resources = ConfigJson.F.arrayNode();
        ArrayNode errors = ConfigJson.F.arrayNode();
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
        unrecordedTypes(resources, regions, errors, source);
        ObjectNode s = ConfigJson.F.objectNode();
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
