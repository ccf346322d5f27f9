package io.trailguard.aws.collect;

import static io.trailguard.aws.collect.AwsStub.containing_;
import static io.trailguard.aws.collect.AwsStub.json;
import static io.trailguard.aws.collect.AwsStub.jsonBody;
import static io.trailguard.aws.collect.AwsStub.query;
import static io.trailguard.aws.collect.AwsStub.xmlBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a timed assertion: a harness that prints how long a collection of N accounts x 3 regions takes against the
 * stub with a fixed latency per call, beside the lower bound calls x latency / concurrency. Runs only with
 * {@code -Dtrailguard.perf=true} (see docs/collection-performance.md); knobs: {@code trailguard.perf.accounts},
 * {@code .latencyMs}, {@code .concurrency}.
 */
class CollectionPerformanceHarness {

    @Test
    void measure() {
        Assumptions.assumeTrue(Boolean.getBoolean("trailguard.perf"),
                "SKIPPED: performance harness; run with -Dtrailguard.perf=true");
        int accounts = Integer.getInteger("trailguard.perf.accounts", 20);
        int latency = Integer.getInteger("trailguard.perf.latencyMs", 50);
        int concurrency = Integer.getInteger("trailguard.perf.concurrency", 16);
        System.out.println(run(accounts, 0, concurrency)); // the CPU cost alone, for comparison
        System.out.println(run(accounts, latency, concurrency));
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        System.out.println(run(accounts, latency, concurrency));
    }

    static String run(int accounts, int latencyMs, int concurrency) {
        try (AwsStub aws = new AwsStub(Math.max(32, concurrency * 3))) {
            aws.defaults();
            StringBuilder list = new StringBuilder("{\"Accounts\":[");
            for (int i = 0; i < accounts; i++) {
                String id = i == 0 ? AwsStub.ACCOUNT : String.format(Locale.ROOT, "%012d", 200000000000L + i);
                list.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(id).append("\",\"Name\":\"acct-")
                        .append(i).append("\",\"Status\":\"ACTIVE\"}");
                if (i > 0) {
                    // distinct credentials per member, so the journal tells the accounts' calls apart
                    aws.server.stubFor(query("AssumeRole").withRequestBody(containing_(id)).willReturn(xmlBody(
                            AwsStub.fixture("query/AssumeRole.xml").replace("ASIAIOSFODNN7EXAMPLE", "ASIA" + id))));
                }
            }
            list.append("]}");
            aws.server.stubFor(json("AWSOrganizationsV20161128.ListAccounts").willReturn(jsonBody(list.toString())));
            aws.server.setGlobalFixedDelay(latencyMs);

            CollectOptions o = aws.options("us-east-1", "eu-west-1", "eu-central-1")
                    .withOrganization(true, null, null).withConcurrency(concurrency);
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            JsonNode s = SnapshotCollector.collect(o, ProgressListener.NONE);
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            double load = os.getSystemLoadAverage();

            int calls = 0;
            Map<String, Integer> seen = new HashMap<>();
            for (LoggedRequest r : aws.requests()) {
                calls++;
                String auth = r.getHeader("Authorization");
                String scope = auth.substring(auth.indexOf("Credential=") + 11, auth.indexOf(','));
                String[] sc = scope.split("/");
                String key = sc[0] + "/" + sc[2] + " " + r.getMethod() + " " + r.getUrl() + " "
                        + r.getHeader("X-Amz-Target") + " " + r.getBodyAsString();
                seen.merge(key, 1, Integer::sum);
            }
            long duplicates = seen.values().stream().filter(n -> n > 1).count();
            double lowerMs = (double) calls * latencyMs / concurrency;
            if (duplicates > 0 || s.get("errors").size() > 0) {
                throw new AssertionError("duplicates=" + duplicates + " errors=" + s.get("errors"));
            }
            return String.format(Locale.ROOT,
                    "accounts=%d regions=3 latency=%dms concurrency=%d calls=%d resources=%d errors=%d "
                            + "duplicateCalls=%d wall=%dms lowerBound=%.0fms ratio=%.2f "
                            + "processCpu=%dms (collector + stub, %d cores) loadAverage=%.1f",
                    accounts, latencyMs, concurrency, calls, s.get("resources").size(), s.get("errors").size(),
                    duplicates, wallMs, lowerMs, lowerMs == 0 ? 0 : wallMs / lowerMs, cpuMs,
                    Runtime.getRuntime().availableProcessors(), load);
        }
    }
}
