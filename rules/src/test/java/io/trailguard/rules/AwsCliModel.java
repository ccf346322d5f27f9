package io.trailguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The AWS CLI's command model as the AWS CLI on this machine has it: botocore's service JSON
 * ({@code data/SERVICE/VERSION/service-2.json[.gz]}), operations and input members in the CLI's kebab case, with the
 * AWS CLI's argument renames ({@code awscli/customizations/argrename.py}) and global options. Services load on first
 * use.
 */
final class AwsCliModel {
    /** The AWS CLI's global options (aws help, "GLOBAL OPTIONS") and the per-operation generic ones. */
    static final Set<String> GLOBAL = Set.of("debug", "endpoint-url", "no-verify-ssl", "no-paginate", "output",
            "query", "profile", "region", "version", "color", "no-sign-request", "ca-bundle", "cli-read-timeout",
            "cli-connect-timeout", "cli-input-json", "cli-input-yaml", "generate-cli-skeleton", "cli-binary-format");
    /** The global options that take a value. */
    static final Set<String> GLOBAL_WITH_VALUE = Set.of("endpoint-url", "output", "query", "profile", "region",
            "color", "ca-bundle", "cli-read-timeout", "cli-connect-timeout", "cli-binary-format");
    /** Options the CLI adds to every paginated operation. */
    static final Set<String> PAGING = Set.of("starting-token", "page-size", "max-items");
    /** CLI command names that differ from botocore's service directory. */
    static final Map<String, String> RENAMED_SERVICES = Map.of("configservice", "config", "s3api", "s3");

    /**
     * Commands the AWS CLI adds to a service (awscli/customizations), with their parameters, from each command's
     * {@code aws SERVICE COMMAND help}.
     */
    static final Map<String, Map<String, Operation>> CUSTOM = Map.of(
            "cloudtrail", Map.of("validate-logs", new Operation("validate-logs", Map.of("trail-arn", false,
                    "start-time", false, "end-time", false, "s3-bucket", false, "s3-prefix", false, "account-id",
                    false, "verbose", true), Set.of("trail-arn", "start-time"), false)));

    /** One operation: its input members (CLI names) with whether each is boolean, and the required ones. */
    record Operation(String name, Map<String, Boolean> members, Set<String> required, boolean paginated) {
    }

    private final Path data;
    private final Map<String, String> renames;
    private final Map<String, Map<String, Operation>> services = new HashMap<>();

    private AwsCliModel(Path data, Map<String, String> renames) {
        this.data = data;
        this.renames = renames;
    }

    /** The model of the AWS CLI on this machine, or null with the reason when botocore is not installed. */
    static AwsCliModel find(StringBuilder whyNot) {
        String botocore = python("import botocore,os;print(os.path.dirname(botocore.__file__))");
        if (botocore == null || !Files.isDirectory(Path.of(botocore, "data"))) {
            whyNot.append("botocore (shipped with the AWS CLI) was not found by python3");
            return null;
        }
        Map<String, String> renames = new HashMap<>();
        String awscli = python("import awscli,os;print(os.path.dirname(awscli.__file__))");
        if (awscli != null) {
            Path f = Path.of(awscli, "customizations", "argrename.py");
            if (Files.isRegularFile(f)) {
                try {
                    Matcher m = Pattern.compile("'([\\w-]+\\.[\\w*-]+\\.[\\w-]+)':\\s*'([\\w-]+)'")
                            .matcher(Files.readString(f));
                    while (m.find()) {
                        renames.put(m.group(1), m.group(2));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new AwsCliModel(Path.of(botocore, "data"), renames);
    }

    private static String python(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The operations of a CLI service name ({@code s3api}, {@code configservice}, …), or null if unknown. */
    Map<String, Operation> service(String cliName) {
        return services.computeIfAbsent(cliName, this::load);
    }

    /** The CLI name of an operation's parameter after the AWS CLI's renames. */
    String cliParameter(String service, String operation, String member) {
        String r = renames.get(service + "." + operation + "." + member);
        if (r == null) {
            r = renames.get(service + ".*." + member);
        }
        return r == null ? member : r;
    }

    private Map<String, Operation> load(String cliName) {
        String dir = RENAMED_SERVICES.getOrDefault(cliName, cliName);
        Path serviceDir = data.resolve(dir);
        if (!Files.isDirectory(serviceDir)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(serviceDir)) {
            Path latest = versions.filter(Files::isDirectory).sorted().reduce((a, b) -> b).orElse(null);
            if (latest == null) {
                return null;
            }
            JsonNode model = read(latest, "service-2.json");
            JsonNode paginators = read(latest, "paginators-1.json");
            Map<String, Operation> out = new HashMap<>();
            JsonNode shapes = model.get("shapes");
            model.get("operations").fields().forEachRemaining(e -> {
                String op = kebab(e.getKey());
                Map<String, Boolean> members = new HashMap<>();
                Set<String> required = new HashSet<>();
                JsonNode input = e.getValue().path("input").path("shape");
                if (!input.isMissingNode()) {
                    JsonNode shape = shapes.get(input.asText());
                    shape.path("members").fields().forEachRemaining(m -> {
                        String type = shapes.path(m.getValue().path("shape").asText()).path("type").asText();
                        members.put(cliParameter(cliName, op, kebab(m.getKey())), "boolean".equals(type));
                    });
                    // the CLI fills idempotency tokens itself: never required on its command line
                    shape.path("required").forEach(r -> {
                        if (!shape.path("members").path(r.asText()).path("idempotencyToken").asBoolean()) {
                            required.add(cliParameter(cliName, op, kebab(r.asText())));
                        }
                    });
                }
                boolean paginated = paginators != null && paginators.path("pagination").has(e.getKey());
                out.put(op, new Operation(op, members, required, paginated));
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path dir, String name) throws IOException {
        ObjectMapper m = new ObjectMapper();
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return m.readTree(plain.toFile());
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                return m.readTree(in);
            }
        }
        return null;
    }

    /** botocore's {@code xform_name(name, '-')}: the CLI's name of an operation or member. */
    static String kebab(String name) {
        if (name.contains("-")) {
            return name;
        }
        Matcher special = Pattern.compile("[A-Z]{2,}s$").matcher(name);
        String n = name;
        if (special.find()) {
            n = name.substring(0, name.length() - special.group().length()) + "-" + special.group().toLowerCase();
        }
        String s1 = n.replaceAll("(.)([A-Z][a-z]+)", "$1-$2");
        return s1.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Every problem of one {@code aws …} command (its words after {@code aws}), in words a user can act on. */
    List<String> check(List<String> args) {
        List<String> problems = new ArrayList<>();
        String service = null;
        String operation = null;
        List<String> params = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.startsWith("--")) {
                params.add(a.substring(2));
                if (service == null && GLOBAL_WITH_VALUE.contains(a.substring(2))) {
                    k++; // aws --region R SERVICE …: the value is not the service
                }
            } else if (service == null) {
                service = a;
            } else if (operation == null) {
                operation = a;
            }
        }
        if (service == null || operation == null) {
            problems.add("no service and operation");
            return problems;
        }
        Map<String, Operation> ops = service(service);
        if (ops == null) {
            problems.add("unknown service '" + service + "'");
            return problems;
        }
        Operation op = ops.get(operation);
        if (op == null) {
            op = CUSTOM.getOrDefault(service, Map.of()).get(operation);
        }
        if (op == null) {
            problems.add("unknown operation '" + service + " " + operation + "'");
            return problems;
        }
        for (String p : params) {
            String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
            boolean known = GLOBAL.contains(name) || op.members.containsKey(name)
                    || op.paginated && PAGING.contains(name)
                    || name.startsWith("no-") && Boolean.TRUE.equals(op.members.get(name.substring(3)));
            if (!known) {
                problems.add("unknown parameter --" + name + " of " + service + " " + operation);
            }
        }
        if (!params.contains("cli-input-json") && !params.contains("cli-input-yaml")) {
            for (String r : op.required) {
                if (!params.contains(r) && !(op.members.getOrDefault(r, false) && params.contains("no-" + r))) {
                    problems.add("missing required parameter --" + r + " of " + service + " " + operation);
                }
            }
        }
        return problems;
    }
}
