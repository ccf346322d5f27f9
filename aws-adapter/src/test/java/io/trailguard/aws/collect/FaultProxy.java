package io.trailguard.aws.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of moto_server that answers one operation with an injected fault: denied, throttled
 * or failing with 5xx on every attempt, a garbled body, an empty 200, or (for ListAccounts) a listing that fails after
 * its first page. Operations are named {@code service:Operation} as in a snapshot's errors; the service comes from
 * the request's SigV4 credential scope, the operation from X-Amz-Target, the RPC v2 path, the Query protocol's
 * Action, or (S3, Route 53) the REST path and query.
 */
final class FaultProxy implements AutoCloseable {
    enum Kind { DENY, THROTTLE, SERVER_ERROR, GARBLED, EMPTY_200, PARTIAL_LISTING }

    record Fault(Kind kind, String operation) {
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d+/[^/]+/([^/]+)/");
    private static final Pattern RPC_V2 = Pattern.compile("/service/[^/]+/operation/([^/?]+)");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final List<String> S3_SUBRESOURCES = List.of("policyStatus", "policy", "versioning", "encryption",
            "replication", "logging", "publicAccessBlock", "lifecycle", "object-lock", "acl", "ownershipControls",
            "location");
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private volatile Fault fault;
    final Set<String> operationsSeen = ConcurrentHashMap.newKeySet();
    final AtomicInteger injected = new AtomicInteger();

    FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void inject(Fault f) {
        fault = f;
        injected.set(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String op = operation(ex, body);
            operationsSeen.add(op);
            Fault f = fault;
            if (f != null && f.operation().equals(op)) {
                if (f.kind() == Kind.PARTIAL_LISTING) {
                    partialListing(ex, body);
                    return;
                }
                injected.incrementAndGet();
                answerFault(ex, f.kind(), op);
                return;
            }
            HttpResponse<byte[]> r = forward(ex, body);
            reply(ex, r.statusCode(), r.headers().map(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void reply(HttpExchange ex, int status, Map<String, List<String>> headers, byte[] body) throws IOException {
        headers.forEach((k, vs) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                ex.getResponseHeaders().put(k, vs);
            }
        });
        boolean noBody = ex.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        // an empty body is sent chunked (0): without a length a keep-alive client would wait for more
        ex.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? 0 : body.length);
        if (!noBody && body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** The first page of the real listing with a NextToken added; the page it asks for next is throttled. */
    private void partialListing(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
        if (new String(body, StandardCharsets.UTF_8).contains("tg-fault-page-2")) {
            injected.incrementAndGet();
            answerFault(ex, Kind.THROTTLE, "organizations:ListAccounts");
            return;
        }
        HttpResponse<byte[]> r = forward(ex, body);
        ObjectNode page = (ObjectNode) JSON.readTree(r.body());
        ArrayNode accounts = (ArrayNode) page.get("Accounts");
        while (accounts.size() > 1) {
            accounts.remove(accounts.size() - 1);
        }
        page.put("NextToken", "tg-fault-page-2");
        reply(ex, 200, Map.of("Content-Type", List.of("application/x-amz-json-1.1")), JSON.writeValueAsBytes(page));
    }

    private static void answerFault(HttpExchange ex, Kind kind, String op) throws IOException {
        String service = op.substring(0, op.indexOf(':'));
        boolean json = ex.getRequestHeaders().getFirst("X-Amz-Target") != null;
        boolean cbor = ex.getRequestHeaders().getFirst("Smithy-Protocol") != null;
        int status;
        String code;
        switch (kind) {
            case DENY -> {
                status = 403;
                code = json ? "AccessDeniedException" : "AccessDenied";
            }
            case THROTTLE -> {
                status = service.equals("s3") ? 503 : 400;
                code = service.equals("s3") ? "SlowDown" : json ? "ThrottlingException" : "Throttling";
            }
            case SERVER_ERROR -> {
                status = 500;
                code = json ? "InternalFailure" : "InternalError";
            }
            case GARBLED -> {
                send(ex, 200, json ? "application/x-amz-json-1.1" : "text/xml",
                        "\u0000{<garbled ]]> \"not\": an answer".getBytes(StandardCharsets.UTF_8));
                return;
            }
            default -> {
                send(ex, 200, json ? "application/x-amz-json-1.1" : "text/xml", new byte[0]);
                return;
            }
        }
        String message = "injected fault " + kind;
        if (cbor) {
            send(ex, status, "application/cbor", new byte[0]);
        } else if (json) {
            ex.getResponseHeaders().add("x-amzn-ErrorType", code);
            send(ex, status, "application/x-amz-json-1.1",
                    ("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        } else if (service.equals("ec2")) {
            send(ex, status, "text/xml", ("<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                    + "</Message></Error></Errors><RequestID>x</RequestID></Response>").getBytes(StandardCharsets.UTF_8));
        } else if (service.equals("s3")) {
            send(ex, status, "application/xml", ("<Error><Code>" + code + "</Code><Message>" + message
                    + "</Message></Error>").getBytes(StandardCharsets.UTF_8));
        } else {
            send(ex, status, "text/xml", ("<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                    + message + "</Message></Error><RequestId>x</RequestId></ErrorResponse>")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? 0 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** {@code service:Operation} of a request. */
    static String operation(HttpExchange ex, byte[] body) {
        String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
        Matcher s = SCOPE.matcher(auth);
        String service = s.find() ? s.group(1) : "unknown";
        String amzTarget = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (amzTarget != null) {
            return service + ":" + amzTarget.substring(amzTarget.lastIndexOf('.') + 1);
        }
        String path = ex.getRequestURI().getRawPath();
        Matcher rpc = RPC_V2.matcher(path);
        if (rpc.find()) {
            return service + ":" + rpc.group(1);
        }
        Matcher action = ACTION.matcher(new String(body, StandardCharsets.UTF_8));
        if (action.find()) {
            return service + ":" + action.group(1);
        }
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        if (service.equals("s3")) {
            for (String sub : S3_SUBRESOURCES) {
                if (("&" + query).contains("&" + sub)) {
                    String name = sub.equals("location") ? "Location" : sub.equals("object-lock") ? "ObjectLockConfiguration"
                            : sub.equals("lifecycle") ? "LifecycleConfiguration" : sub.equals("publicAccessBlock")
                            ? "PublicAccessBlock" : sub.equals("policyStatus") ? "PolicyStatus"
                            : Character.toUpperCase(sub.charAt(0)) + sub.substring(1);
                    return "s3:GetBucket" + name.replace("GetBucketPublicAccessBlock", "PublicAccessBlock");
                }
            }
            return path.equals("/") || path.isEmpty() ? "s3:ListBuckets" : "s3:" + ex.getRequestMethod() + " " + path;
        }
        if (service.equals("route53")) {
            return path.contains("queryloggingconfig") ? "route53:ListQueryLoggingConfigs"
                    : path.endsWith("/hostedzone") ? "route53:ListHostedZones" : "route53:" + path;
        }
        return service + ":" + ex.getRequestMethod() + " " + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
