package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.aws.collect.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The example organisation built in moto_server and the AWS CLI pointed at it: build (reset, seed, then
 * {@code bench/moto/build_org.py}), collect ({@code trailguard collect --org --endpoint-url}), scan, and run fix
 * commands with the AWS CLI through one profile per account ({@code role_arn} + {@code source_profile}, entering
 * {@code OrganizationAccountAccessRole} as the collector does). Used by {@link MotoFixTierTest} and by the
 * measurement of docs/fix-verification.md.
 */
final class MotoFixBench implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Profiles are this prefix followed by the account id (the fix script's TG_PROFILE_PREFIX). */
    static final String PROFILE_PREFIX = "tg-";
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    /** The AWS CLI's default region in fix runs: not one of {@link #REGIONS}. */
    static final String UNUSED_REGION = "ap-southeast-2";
    /** moto's random ids (accounts, keys, VPCs) repeat between builds with the same seed: findings keep their ids. */
    private static final int SEED = 42;

    final MotoServer moto;
    final Path work;
    final Path repo;
    private final Path awsConfig;
    private final Path awsCredentials;
    /** HOME of the AWS CLI runs: its credential cache lives as long as one build. */
    private final Path home;
    private JsonNode built;
    /** The query logging config {@link #build} made for the private zone's VPC (R53-03's fix associates it). */
    String queryLogConfigId;

    private MotoFixBench(MotoServer moto, Path work, Path repo) {
        this.moto = moto;
        this.work = work;
        this.repo = repo;
        this.awsConfig = work.resolve("aws-config");
        this.awsCredentials = work.resolve("aws-credentials");
        this.home = work.resolve("home");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Starts moto; skips the calling test, with a message, where moto_server, the AWS CLI or boto3 is missing. */
    static MotoFixBench start(Path work) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("aws"),
                "SKIPPED: the AWS CLI (aws) is not on PATH; install it (pip install awscli) to run the moto fix tier");
        Assumptions.assumeTrue(onPath("python3") && exec(List.of("python3", "-c", "import boto3"), Map.of()).code == 0,
                "SKIPPED: python3 with boto3 is needed to build the organisation in moto (pip install boto3)");
        return new MotoFixBench(MotoServer.start(), work, repoRoot());
    }

    URI endpoint() {
        return moto.endpoint();
    }

    /** Resets moto and builds examples/acme-org.json in it; returns the builder's account map and skipped list. */
    JsonNode build() throws IOException, InterruptedException {
        post("/moto-api/reset");
        deleteTree(home);
        Files.createDirectories(home);
        post("/moto-api/seed?a=" + SEED);
        Exec r = exec(List.of("python3", repo.resolve("bench/moto/build_org.py").toString(),
                repo.resolve("examples/acme-org.json").toString(), endpoint().toString()), Map.of());
        if (r.code != 0) {
            throw new IllegalStateException("build_org.py failed: " + r.out);
        }
        built = JSON.readTree(r.out.substring(r.out.indexOf('{')));
        StringBuilder config = new StringBuilder("[profile " + PROFILE_PREFIX + "base]\n");
        built.get("accounts").forEach(a -> config.append("[profile ").append(PROFILE_PREFIX).append(a.asText())
                .append("]\nrole_arn = arn:aws:iam::").append(a.asText())
                .append(":role/OrganizationAccountAccessRole\nsource_profile = ").append(PROFILE_PREFIX)
                .append("base\n"));
        Files.writeString(awsConfig, config);
        Files.writeString(awsCredentials, "[" + PROFILE_PREFIX + "base]\naws_access_key_id = testing\n"
                + "aws_secret_access_key = testing\n");
        queryLogConfigId = userQueryLogConfig();
        return built;
    }

    /**
     * The Route 53 Resolver query logging config the user creates for the private zone's VPC before running R53-03's
     * fix (the example has none), made with the AWS CLI right after the build so its id repeats from build to build.
     * It is the account's only one in the VPC's region, so the scan takes R53-03's {@code queryLogConfigId} from the
     * collected snapshot: no {@code --param} needed.
     */
    private String userQueryLogConfig() throws IOException, InterruptedException {
        JsonNode example = JSON.readTree(repo.resolve("examples/acme-org.json").toFile());
        for (JsonNode r : example.get("resources")) {
            JsonNode c = r.get("configuration");
            if (r.get("type").asText().equals("AWS::Route53::HostedZone") && c.at("/Config/PrivateZone").asBoolean()) {
                String account = built.get("accounts").get(r.get("accountId").asText()).asText();
                String region = c.at("/VPCs/0/VPCRegion").asText();
                Path script = work.resolve("query-log-config.sh");
                Files.writeString(script, "set -euo pipefail\nexport AWS_PROFILE=" + PROFILE_PREFIX + account
                        + "\naws logs create-log-group --log-group-name /aws/route53resolver/queries --region "
                        + region + "\naws route53resolver create-resolver-query-log-config --name dns-queries"
                        + " --destination-arn arn:aws:logs:" + region + ":" + account
                        + ":log-group:/aws/route53resolver/queries --region " + region
                        + " --query ResolverQueryLogConfig.Id --output text\n");
                Exec x = runScript(script);
                if (x.code != 0) {
                    throw new IllegalStateException("creating the query logging config failed: " + x.out);
                }
                return x.out.strip().lines().reduce((a, b) -> b).orElse("");
            }
        }
        return null;
    }

    /**
     * What a user of the example organisation would have to decide before running the fix script, made in moto and
     * read from the collected snapshot as {@code --param NAME=VALUE} words: the replica bucket's KMS key
     * (replicaKmsKey), the topic the alarms notify (alarmTopic: moto never confirms a subscription, so the scan cannot
     * pick it), and the break-glass principal of the log bucket (breakGlassPrincipals: the log-archive account's own
     * admin role). R53-03's query logging config is not among them: the scan finds the one {@link #build} made.
     */
    List<String> userParams(Path snapshot) throws IOException {
        JsonNode s = JSON.readTree(snapshot.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode r : s.get("resources")) {
            JsonNode c = r.get("configuration");
            String type = r.get("type").asText();
            if (type.equals("AWS::S3::Bucket") && c.path("Name").asText().endsWith("-replica")) {
                out.add("replicaKmsKey=" + c.at("/Encryption/Rules/0/ApplyServerSideEncryptionByDefault/KMSMasterKeyID")
                        .asText());
            } else if (type.equals("AWS::SNS::Topic") && r.get("id").asText().endsWith(":acme-security-alarms")) {
                out.add("alarmTopic=" + r.get("id").asText());
            } else if (type.equals("AWS::S3::Bucket") && c.path("Name").asText().equals("acme-central-cloudtrail-logs")) {
                out.add("breakGlassPrincipals=arn:aws:iam::" + r.get("accountId").asText()
                        + ":role/OrganizationAccountAccessRole");
            }
        }
        List<String> words = new ArrayList<>();
        out.stream().sorted().forEach(p -> words.addAll(List.of("--param", p)));
        return words;
    }

    /** {@code trailguard collect --org} against moto, in-process; the base credentials go in as system properties. */
    Path collect(String name) {
        Path out = work.resolve(name);
        String id = System.getProperty("aws.accessKeyId");
        String secret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        try {
            CliRunner.Result r = CliRunner.run("collect", "--org", "--endpoint-url", endpoint().toString(),
                    "--regions", String.join(",", REGIONS), "--concurrency", "4", "-o", out.toString());
            // 4: finished with errors (moto's known gaps: DescribeDeliveryChannelStatus, S3 Control, …), recorded
            // in the snapshot; anything else is a failure of the run
            if (r.exitCode() != ExitCodes.OK && r.exitCode() != ExitCodes.COLLECTED_WITH_ERRORS) {
                throw new IllegalStateException("collect failed (" + r.exitCode() + "): " + r.err());
            }
        } finally {
            restore("aws.accessKeyId", id);
            restore("aws.secretAccessKey", secret);
        }
        return out;
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** {@code trailguard scan SNAPSHOT --format json}, plus any extra arguments; returns the JSON report. */
    JsonNode scan(Path snapshot, String name, String... extra) throws IOException {
        Path report = work.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", snapshot.toString(), "--format", "json", "-o",
                report.toString()));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        if (r.exitCode() > 1) {
            throw new IllegalStateException("scan failed (" + r.exitCode() + "): " + r.err());
        }
        return JSON.readTree(report.toFile());
    }

    /**
     * Runs a bash script with the AWS CLI pointed at moto. The default region is one the organisation does not use,
     * so a line without {@code --region} changes nothing the next scan sees (and fails where moto needs the resource).
     */
    Exec runScript(Path script) throws IOException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_CONFIG_FILE", awsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", awsCredentials.toString());
        env.put("TG_PROFILE_PREFIX", PROFILE_PREFIX);
        env.put("AWS_PAGER", "");
        env.put("AWS_DEFAULT_REGION", UNUSED_REGION);
        // the AWS CLI caches assumed-role credentials under ~/.aws/cli/cache; moto forgets them at each reset
        env.put("HOME", home.toString());
        env.put("PATH", shim() + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        return exec(List.of("bash", script.toString()), env);
    }

    /**
     * A directory whose {@code aws} runs the real AWS CLI with one moto quirk smoothed over: moto 5.2.1's Route 53
     * {@code CreateQueryLoggingConfig} knows a log group only by the ARN ending in {@code :*}
     * (moto/route53/models.py), where AWS takes the log group ARN as such
     * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateQueryLoggingConfig.html); the shim adds the
     * suffix for that one operation, skips {@code s3control} lines (the AWS CLI puts the account id in their host name,
     * which no loopback address resolves) with a note, and passes everything else through unchanged.
     */
    private Path shim() throws IOException {
        Path dir = work.resolve("bin");
        Path aws = dir.resolve("aws");
        if (!Files.exists(aws)) {
            String real = null;
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, "aws"))) {
                    real = Path.of(d, "aws").toString();
                    break;
                }
            }
            Files.createDirectories(dir);
            Files.writeString(aws, """
                    #!/usr/bin/env bash
                    # moto quirk: route53 create-query-logging-config wants the log group ARN with ':*'
                    if [ "${1:-}" = route53 ] && [ "${2:-}" = create-query-logging-config ]; then
                      args=()
                      while [ $# -gt 0 ]; do
                        if [ "$1" = --cloud-watch-logs-log-group-arn ] && [ $# -gt 1 ] && [ "${2%:\\*}" = "$2" ]; then
                          args+=("$1" "$2:*"); shift 2
                        else
                          args+=("$1"); shift
                        fi
                      done
                      set -- "${args[@]}"
                    fi
                    # moto quirk: s3control puts the account id in the host name (ACCOUNT.127.0.0.1), which does not
                    # resolve; the line is skipped with a note (S3-07's account setting, MOTO_CANNOT_CLEAR)
                    if [ "${1:-}" = s3control ]; then
                      echo "moto shim: skipped, s3control cannot reach moto on a loopback address: aws $*" >&2
                      exit 0
                    fi
                    exec REAL_AWS "$@"
                    """.replace("REAL_AWS", real));
            aws.toFile().setExecutable(true);
        }
        return dir;
    }

    /**
     * The rules whose fix moto cannot be seen to take effect: the first column of the table under "Fixes moto cannot
     * show taking effect" in docs/fix-verification.md, which the tier and the doc thus share.
     */
    static Set<String> cannotClear(Path repo) throws IOException {
        Path doc = repo.resolve("docs/fix-verification.md");
        List<String> lines = Files.readAllLines(doc);
        int at = lines.indexOf(CANNOT_CLEAR_HEADING);
        if (at < 0) {
            throw new IllegalStateException(doc + ": no heading '" + CANNOT_CLEAR_HEADING + "'");
        }
        Set<String> rules = new java.util.TreeSet<>();
        for (String l : lines.subList(at + 1, lines.size())) {
            if (l.startsWith("#")) {
                break;
            }
            if (l.startsWith("| ") && !l.startsWith("| rules ")) {
                java.util.regex.Matcher m = RULE_ID.matcher(l.substring(1, l.indexOf('|', 1)));
                while (m.find()) {
                    rules.add(m.group());
                }
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(doc + ": the table under '" + CANNOT_CLEAR_HEADING + "' lists no rule");
        }
        return rules;
    }

    static final String CANNOT_CLEAR_HEADING = "### Fixes moto cannot show taking effect";
    private static final java.util.regex.Pattern RULE_ID = java.util.regex.Pattern.compile("\\b[A-Z0-9]+-\\d{2}\\b");

    Set<String> cannotClear() throws IOException {
        return cannotClear(repo);
    }

    /** The repository root: the first directory above the working directory holding bench/moto/build_org.py. */
    static Path repoRoot() {
        Path repo = Path.of("").toAbsolutePath();
        while (repo != null && !Files.exists(repo.resolve("bench/moto/build_org.py"))) {
            repo = repo.getParent();
        }
        if (repo == null) {
            throw new IllegalStateException("bench/moto/build_org.py not found above " + Path.of("").toAbsolutePath());
        }
        return repo;
    }

    // ---- findings ----

    /** A finding's identity across scans of the same build: rule and resource. */
    static String key(JsonNode finding) {
        return finding.get("ruleId").asText() + " " + finding.at("/resource/id").asText();
    }

    static Map<String, JsonNode> byStatus(JsonNode report, String status) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode f : report.get("findings")) {
            if (status.equals(f.get("status").asText())) {
                out.put(key(f), f);
            }
        }
        return out;
    }

    /** One command of a fix as printed, with the account it runs in. */
    record Command(String account, String line) {
    }

    /**
     * A finding's fix as printed: the rendered {@code fix.commands} (each with its account) where the report has
     * them, else the {@code fix.cli} lines, run in the finding's account.
     */
    static List<Command> commands(JsonNode finding) {
        List<Command> out = new ArrayList<>();
        JsonNode rendered = finding.at("/fix/commands");
        if (rendered.isArray()) {
            rendered.forEach(c -> out.add(new Command(c.get("account").asText(), c.get("line").asText())));
        } else {
            finding.at("/fix/cli").forEach(c -> out.add(new Command(finding.at("/resource/accountId").asText(),
                    c.asText())));
        }
        return out;
    }

    /** Whether every command of the fix can run as printed (no parameter left for the user to set). */
    static boolean ready(JsonNode finding) {
        for (JsonNode c : finding.at("/fix/commands")) {
            if (!c.path("ready").asBoolean(true)) {
                return false;
            }
        }
        return true;
    }

    /** One finding's own fix as a script: each command under its account's profile, as printed. */
    static String ownFixScript(JsonNode finding) {
        return "#!/usr/bin/env bash\nset -euo pipefail\n" + body(finding);
    }

    /** The commands of a fix, each account's under {@code export AWS_PROFILE=tg-ACCOUNT}. */
    static String body(JsonNode finding) {
        StringBuilder s = new StringBuilder();
        String account = null;
        for (Command c : commands(finding)) {
            if (!c.account().equals(account)) {
                s.append("export AWS_PROFILE=").append(PROFILE_PREFIX).append(c.account()).append('\n');
                account = c.account();
            }
            s.append(c.line()).append('\n');
        }
        return s.toString();
    }

    // ---- processes ----

    record Exec(int code, String out) {
    }

    static Exec exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("AWS_ACCESS_KEY_ID");
        pb.environment().remove("AWS_SECRET_ACCESS_KEY");
        pb.environment().remove("AWS_SESSION_TOKEN");
        pb.environment().remove("AWS_DEFAULT_REGION");
        pb.environment().remove("AWS_REGION");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Exec(-1, "timed out: " + command);
        }
        return new Exec(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint().resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto " + path + ": " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        moto.close();
    }
}
