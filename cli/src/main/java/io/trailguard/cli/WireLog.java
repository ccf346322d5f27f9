package io.trailguard.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * {@code --debug}: every AWS API call of a live collection on standard error, as it goes over the wire: service,
 * operation, region, method, URL, headers, then status, request id and time. Never credentials: the values of
 * {@code Authorization}, {@code X-Amz-Security-Token} and every other header that can carry a secret are replaced by
 * {@code (redacted)}, and no body is printed (an STS AssumeRole answer holds credentials).
 *
 * <p>The SDK loads it for every client as a global interceptor (listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}); it prints nothing until {@link #enable}.
 */
public final class WireLog implements ExecutionInterceptor {
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-amz-security-token", "cookie",
            "set-cookie", "proxy-authorization");
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("trailguard.wire.started");
    private static volatile PrintWriter sink;

    /** Prints every call from now on to {@code out}. */
    static void enable(PrintWriter out) {
        sink = out;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        PrintWriter out = sink;
        if (out == null) {
            return;
        }
        attributes.putAttribute(STARTED, System.nanoTime());
        SdkHttpRequest r = context.httpRequest();
        StringBuilder sb = new StringBuilder("debug: → ").append(name(attributes)).append(' ').append(r.method())
                .append(' ').append(r.getUri());
        headers(sb, r.headers());
        synchronized (out) {
            out.println(sb);
            out.flush();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        PrintWriter out = sink;
        if (out == null) {
            return;
        }
        Long started = attributes.getAttribute(STARTED);
        var resp = context.httpResponse();
        StringBuilder sb = new StringBuilder("debug: ← ").append(name(attributes)).append(' ')
                .append(resp.statusCode()).append(started == null ? "" : " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
        headers(sb, resp.headers());
        synchronized (out) {
            out.println(sb);
            out.flush();
        }
    }

    /** {@code EC2.DescribeVpcs eu-west-1}: service, operation and the region the call is signed for. */
    private static String name(ExecutionAttributes a) {
        Object region = a.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
        return a.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + a.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + (region == null ? "" : " " + region);
    }

    /** The headers, secrets redacted. */
    static void headers(StringBuilder sb, Map<String, List<String>> headers) {
        headers.forEach((k, v) -> sb.append("\n    ").append(k).append(": ")
                .append(SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? "(redacted)" : String.join(", ", v)));
    }
}
