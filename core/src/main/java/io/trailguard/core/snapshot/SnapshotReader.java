package io.trailguard.core.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.CollectionError;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.diag.SourceText;
import io.trailguard.core.diag.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a snapshot document (see {@code docs/snapshot-format.md}). Every problem is reported with
 * the file, line, column and JSON pointer of the offending value; a document with any problem is rejected whole.
 *
 * <p>Resources are read one at a time from the token stream so that a problem inside one can name the line it
 * starts on, and large snapshots are never held twice.
 */
public final class SnapshotReader {
    private static final int MAX_PROBLEMS = 50;
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+");
    private static final Set<String> TOP_KEYS = Set.of("snapshotVersion", "capturedAt", "source", "organization",
            "accounts", "resources", "errors");
    private static final Set<String> RESOURCE_KEYS = Set.of("type", "id", "accountId", "region", "configuration");
    private static final Set<String> ACCOUNT_KEYS = Set.of("id", "name", "regions", "organizationId",
            "organizationPath");
    /** An Organizations entity path down to the account's parent: organisation, root, then organisational units. */
    private static final Pattern ORG_PATH = Pattern.compile("o-[a-z0-9]{10,32}/r-[0-9a-z]{4,32}/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/)*");
    private static final Set<String> ORG_KEYS = Set.of("id", "managementAccountId");
    private static final Set<String> ERROR_KEYS = Set.of("accountId", "region", "service", "operation", "code",
            "message", "resourceType", "resourceId", "fields");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private final String source;
    /** Resource types already found well-formed: a snapshot has a few dozen, and every resource names one. */
    private final Set<String> validTypes = new HashSet<>();
    private final byte[] bytes;
    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    private SourceText text;

    private SnapshotReader(String source, byte[] bytes, Path file) {
        this.source = source;
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Reads a snapshot from its bytes.
     *
     * @param source a name for messages, usually the file path
     * @throws InvalidInputException with every problem found, when the document is not a valid snapshot
     */
    public static SnapshotIndex read(String source, byte[] bytes) {
        return new SnapshotReader(source, bytes, null).read();
    }

    /**
     * Reads a snapshot file as a stream, so that its bytes and its tree are never held together; the file is read
     * again only to quote the offending line of a problem.
     *
     * @throws InvalidInputException with every problem found, when the document is not a valid snapshot
     * @throws IOException when the file cannot be opened
     */
    public static SnapshotIndex read(String source, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new SnapshotReader(source, null, file).read(in);
        }
    }

    private SnapshotIndex read() {
        return read(null);
    }

    private SnapshotIndex read(InputStream in) {
        ObjectNode top = JsonNodeFactory.instance.objectNode();
        List<JsonLocation> resourceLocations = new ArrayList<>();
        JsonLocation[] topLocations = new JsonLocation[1];
        ArrayNode resources = JsonNodeFactory.instance.arrayNode();
        CompactNodeFactory nodeFactory = new CompactNodeFactory();
        try (JsonParser p = in != null ? FACTORY.createParser(in) : FACTORY.createParser(bytes)) {
            p.setCodec(MAPPER.reader().with(nodeFactory));
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw fatal(p.currentTokenLocation(), t == null ? "the file is empty: expected a snapshot JSON object"
                        : "expected a JSON object with snapshotVersion, capturedAt, accounts and resources, found "
                        + describe(t));
            }
            topLocations[0] = p.currentTokenLocation();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation nameLocation = p.currentTokenLocation();
                JsonToken value = p.nextToken();
                if (!TOP_KEYS.contains(name)) {
                    problem(nameLocation, "/" + name, "unknown field '" + name + "'" + Suggestions.hint(name, TOP_KEYS)
                            + "; a snapshot has " + String.join(", ", sorted(TOP_KEYS)));
                    p.skipChildren();
                    continue;
                }
                if (name.equals("resources") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        resourceLocations.add(p.currentTokenLocation());
                        resources.add((JsonNode) p.readValueAsTree());
                    }
                    top.set(name, resources);
                } else {
                    JsonNode node = p.readValueAsTree();
                    top.set(name, node == null ? JsonNodeFactory.instance.nullNode() : node);
                }
            }
            if (p.nextToken() != null) {
                problem(p.currentTokenLocation(), "", "unexpected content after the snapshot object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation()
                    : e.getProcessor() instanceof JsonParser jp ? jp.currentLocation() : null;
            throw new InvalidInputException(problemAt(loc, "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(source, 0, 0, (in != null ? "cannot read the snapshot file: "
                    : "cannot read: ") + e.getMessage(), null));
        } finally {
            nodeFactory.readingDone();
        }

        JsonLocation topLoc = topLocations[0];
        require(top, "snapshotVersion", topLoc);
        require(top, "capturedAt", topLoc);
        require(top, "accounts", topLoc);
        require(top, "resources", topLoc);

        JsonNode version = top.get("snapshotVersion");
        if (version != null && !(version.isInt() && version.asInt() == 1)) {
            problem(topLoc, "/snapshotVersion", "unsupported snapshotVersion " + version + ": this trailguard reads version 1");
        }
        Instant capturedAt = null;
        JsonNode captured = top.get("capturedAt");
        if (captured != null) {
            capturedAt = instant(captured);
            if (capturedAt == null) {
                problem(topLoc, "/capturedAt", "expected an ISO-8601 instant such as 2026-11-20T09:00:00Z, found " + captured);
            }
        }
        OrganizationInfo org = organization(top.get("organization"), topLoc);
        List<AccountInfo> accounts = accounts(top.get("accounts"), topLoc, org);
        Set<String> accountIds = new HashSet<>();
        accounts.forEach(a -> accountIds.add(a.id()));

        List<ResourceNode> nodes = new ArrayList<>();
        JsonNode res = top.get("resources");
        if (res != null && !res.isArray()) {
            problem(topLoc, "/resources", "expected an array of resources, found " + kind(res));
        } else if (res != null) {
            Map<String, Set<String>> seen = new HashMap<>();
            for (int i = 0; i < res.size(); i++) {
                ResourceNode node = resource(res.get(i), "/resources/" + i, resourceLocations.get(i), accountIds);
                if (node != null) {
                    if (!seen.computeIfAbsent(node.type(), k -> new HashSet<>()).add(node.id())) {
                        problem(resourceLocations.get(i), "/resources/" + i + "/id", "duplicate resource: "
                                + node.type() + " " + node.id() + " appears more than once");
                    }
                    nodes.add(node);
                }
            }
        }
        List<CollectionError> errors = errors(top.get("errors"), topLoc);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new SnapshotIndex(capturedAt, org, accounts, nodes, errors, top);
    }

    private OrganizationInfo organization(JsonNode n, JsonLocation loc) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problem(loc, "/organization", "expected an object with id and managementAccountId, found " + kind(n));
            return null;
        }
        unknownKeys(n, ORG_KEYS, "/organization", loc);
        String id = string(n, "id", "/organization", loc, true);
        String mgmt = accountId(n, "managementAccountId", "/organization", loc, true);
        return id == null ? null : new OrganizationInfo(id, mgmt);
    }

    private List<AccountInfo> accounts(JsonNode n, JsonLocation loc, OrganizationInfo org) {
        List<AccountInfo> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            problem(loc, "/accounts", "expected an array of account ids or account objects, found " + kind(n));
            return out;
        }
        String orgId = org == null ? null : org.id();
        for (int i = 0; i < n.size(); i++) {
            JsonNode a = n.get(i);
            String ptr = "/accounts/" + i;
            if (a.isTextual()) {
                if (!isAccountId(a.asText())) {
                    problem(loc, ptr, "expected a 12-digit account id, found " + a);
                } else {
                    out.add(new AccountInfo(a.asText(), null, List.of(), orgId));
                }
            } else if (a.isObject()) {
                unknownKeys(a, ACCOUNT_KEYS, ptr, loc);
                String id = accountId(a, "id", ptr, loc, true);
                List<String> regions = new ArrayList<>();
                JsonNode r = a.get("regions");
                if (r != null && !r.isArray()) {
                    problem(loc, ptr + "/regions", "expected an array of region names, found " + kind(r));
                } else if (r != null) {
                    r.forEach(x -> regions.add(x.asText()));
                }
                String accountOrg = a.hasNonNull("organizationId") ? a.get("organizationId").asText() : orgId;
                String path = organizationPath(a, ptr, loc, accountOrg);
                if (id != null) {
                    out.add(new AccountInfo(id, a.hasNonNull("name") ? a.get("name").asText() : null, regions, accountOrg,
                            path));
                }
            } else {
                problem(loc, ptr, "expected an account id string or an object with id, found " + kind(a));
            }
        }
        return out;
    }

    /**
     * The account's AWS Organizations entity path ({@code o-ORG/r-ROOT/ou-.../}, the form of
     * {@code aws:SourceOrgPaths}: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgpaths),
     * or {@code null} when absent or malformed (reported).
     */
    private String organizationPath(JsonNode a, String ptr, JsonLocation loc, String org) {
        JsonNode p = a.get("organizationPath");
        if (p == null || p.isNull()) {
            return null;
        }
        String at = ptr + "/organizationPath";
        if (!p.isTextual() || !ORG_PATH.matcher(p.asText()).matches()) {
            problem(loc, at, "expected the account's AWS Organizations path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/, found "
                    + (p.isTextual() ? "\"" + p.asText() + "\"" : kind(p)));
            return null;
        }
        if (org != null && !p.asText().startsWith(org + "/")) {
            problem(loc, at, "the path \"" + p.asText() + "\" does not start with the account's organisation " + org + "/");
            return null;
        }
        return p.asText();
    }

    private ResourceNode resource(JsonNode r, String ptr, JsonLocation loc, Set<String> accountIds) {
        if (!r.isObject()) {
            problem(loc, ptr, "expected a resource object with type, id, accountId, region and configuration, found " + kind(r));
            return null;
        }
        unknownKeys(r, RESOURCE_KEYS, ptr, loc);
        String type = string(r, "type", ptr, loc, true);
        if (type != null && !validTypes.contains(type)) {
            if (RESOURCE_TYPE.matcher(type).matches()) {
                validTypes.add(type);
            } else {
                problem(loc, ptr + "/type", "expected an AWS resource type such as AWS::CloudTrail::Trail, found \"" + type + "\"");
                type = null;
            }
        }
        String id = string(r, "id", ptr, loc, true);
        String account = accountId(r, "accountId", ptr, loc, true);
        if (account != null && !accountIds.isEmpty() && !accountIds.contains(account)) {
            problem(loc, ptr + "/accountId", "account " + account + " is not listed in /accounts; add it there");
        }
        String region = string(r, "region", ptr, loc, true);
        JsonNode config = r.get("configuration");
        if (config == null) {
            problem(loc, ptr, "missing required field 'configuration' (an object; {} when nothing was read)");
        } else if (!config.isObject()) {
            problem(loc, ptr + "/configuration", "expected an object, found " + kind(config));
        }
        if (type == null || id == null || account == null || region == null || config == null || !config.isObject()) {
            return null;
        }
        return new ResourceNode(new ResourceRef(type, id, account, region), (ObjectNode) config);
    }

    private List<CollectionError> errors(JsonNode n, JsonLocation loc) {
        List<CollectionError> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(loc, "/errors", "expected an array of collection errors, found " + kind(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String ptr = "/errors/" + i;
            if (!e.isObject()) {
                problem(loc, ptr, "expected an object, found " + kind(e));
                continue;
            }
            unknownKeys(e, ERROR_KEYS, ptr, loc);
            String account = accountId(e, "accountId", ptr, loc, true);
            String region = string(e, "region", ptr, loc, true);
            String service = string(e, "service", ptr, loc, true);
            String operation = string(e, "operation", ptr, loc, true);
            String code = string(e, "code", ptr, loc, true);
            String message = e.hasNonNull("message") ? e.get("message").asText() : null;
            if (message == null) {
                problem(loc, ptr, "missing required field 'message'");
            }
            List<String> fields = new ArrayList<>();
            JsonNode f = e.get("fields");
            if (f != null && !f.isArray()) {
                problem(loc, ptr + "/fields", "expected an array of field names, found " + kind(f));
            } else if (f != null) {
                f.forEach(x -> fields.add(x.asText()));
            }
            if (account != null && region != null && service != null && operation != null && code != null && message != null) {
                out.add(new CollectionError(account, region, service, operation, code, message,
                        e.hasNonNull("resourceType") ? e.get("resourceType").asText() : null,
                        e.hasNonNull("resourceId") ? e.get("resourceId").asText() : null, fields));
            }
        }
        return out;
    }

    private void require(JsonNode n, String field, JsonLocation loc) {
        if (!n.has(field)) {
            problem(loc, "", "missing required field '" + field + "'");
        }
    }

    private String string(JsonNode n, String field, String ptr, JsonLocation loc, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(loc, ptr, "missing required field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            problem(loc, ptr + "/" + field, "expected a non-empty string, found " + kind(v));
            return null;
        }
        return v.asText();
    }

    private String accountId(JsonNode n, String field, String ptr, JsonLocation loc, boolean required) {
        JsonNode v = n.get(field);
        if (v != null && v.isNumber()) {
            problem(loc, ptr + "/" + field, "expected a 12-digit account id as a string (quoted, so that leading zeros survive), found " + v);
            return null;
        }
        String s = string(n, field, ptr, loc, required);
        if (s != null && !isAccountId(s)) {
            problem(loc, ptr + "/" + field, "expected a 12-digit account id, found \"" + s + "\"");
            return null;
        }
        return s;
    }

    /** Twelve ASCII digits (checked for every resource, so without a regex). */
    private static boolean isAccountId(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private void unknownKeys(JsonNode n, Set<String> allowed, String ptr, JsonLocation loc) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problem(loc, ptr + "/" + k, "unknown field '" + k + "'" + Suggestions.hint(k, allowed)
                        + "; expected " + String.join(", ", sorted(allowed)));
            }
        });
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    static Instant instant(JsonNode v) {
        return v.isTextual() ? Timestamps.parse(v.asText()) : null;
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + n;
            case NUMBER -> "the number " + n;
            case BOOLEAN -> "the boolean " + n;
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private void problem(JsonLocation loc, String pointer, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problemAt(loc, (pointer.isEmpty() ? "" : pointer + ": ") + message));
        }
    }

    private Problem problemAt(JsonLocation loc, String message) {
        int line = loc == null ? 1 : Math.max(1, loc.getLineNr());
        int col = loc == null ? 1 : Math.max(1, loc.getColumnNr());
        if (text == null) {
            byte[] content = bytes;
            if (content == null) {
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    content = new byte[0];
                }
            }
            text = new SourceText(new String(content, StandardCharsets.UTF_8));
        }
        return new Problem(source, line, col, message, text.line(line));
    }

    /**
     * The tree of a large snapshot is most of a scan's memory. Per read, this factory shares one node for each
     * repeated short string value (effects, actions, regions, account ids, ...: a tenth of the values are distinct)
     * and sizes containers for the small objects and arrays that make up most of a snapshot. The nodes are Jackson's
     * own; values are immutable, so sharing them is invisible. Objects keep their fields in a {@link CompactObjectMap}.
     */
    private static final class CompactNodeFactory extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;
        private static final int MAX_SHARED_LENGTH = 40;
        /** Slots of the table of shared nodes: a power of two. */
        private static final int SLOTS = 1 << 15;
        /**
         * Only while reading (one thread); the nodes keep this factory, so the table is dropped afterwards. A lossy
         * table indexed by hash (a new string replaces the one in its slot): no resizing, no entry objects, and the
         * frequent values stay in it, which is all sharing needs.
         */
        private transient volatile com.fasterxml.jackson.databind.node.TextNode[] texts =
                new com.fasterxml.jackson.databind.node.TextNode[SLOTS];

        @Override
        public com.fasterxml.jackson.databind.node.TextNode textNode(String text) {
            com.fasterxml.jackson.databind.node.TextNode[] t = texts;
            if (t == null || text == null || text.length() > MAX_SHARED_LENGTH) {
                return super.textNode(text);
            }
            int slot = text.hashCode() & (SLOTS - 1);
            com.fasterxml.jackson.databind.node.TextNode n = t[slot];
            if (n == null || !n.textValue().equals(text)) {
                n = super.textNode(text);
                t[slot] = n;
            }
            return n;
        }

        void readingDone() {
            texts = null;
        }

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new CompactObjectMap());
        }

        @Override
        public ArrayNode arrayNode() {
            return new ArrayNode(this, new ArrayList<>(2));
        }
    }

    private InvalidInputException fatal(JsonLocation loc, String message) {
        return new InvalidInputException(problemAt(loc, message));
    }
}
