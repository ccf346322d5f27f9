package io.trailguard.aws.collect.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Refuses an answer no read-only call of the collector can legitimately give: HTTP 2xx with an empty body. The SDK
 * would read it as an answer with no resources, so a proxy, a broken endpoint or a truncated response would make a
 * whole resource type vanish without an error; failing the call instead records it in the snapshot's {@code errors}
 * (code {@value #CODE}) and the rules that need it say UNKNOWN. HEAD requests, which have no body, are left alone.
 */
public final class UsableAnswers implements ExecutionInterceptor {
    public static final String CODE = "EmptyAnswer";

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attrs) {
        Optional<InputStream> body = context.responseBody();
        if (context.httpRequest().method() == SdkHttpMethod.HEAD || !context.httpResponse().isSuccessful()) {
            return body;
        }
        byte[] bytes;
        try (InputStream in = body.orElse(InputStream.nullInputStream())) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (isBlank(bytes)) {
            String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            throw SdkClientException.create(CODE + ": " + (op == null ? "the call" : op) + " answered HTTP "
                    + context.httpResponse().statusCode() + " with an empty body, which is not an answer; "
                    + "its result is unknown");
        }
        return Optional.of(new ByteArrayInputStream(bytes));
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }
}
