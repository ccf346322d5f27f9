package io.trailguard.aws.collect.internal;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** An API failure reduced to AWS's error code and message (or {@code Timeout}, {@code MalformedResponse}). */
public record Failure(String code, String message, int httpStatus) {

    public static Failure of(Throwable t) {
        t = unwrap(t);
        if (t instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            String msg = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
            int status = ase.statusCode();
            if (code == null || code.isBlank()) {
                code = status >= 500 ? "InternalFailure" : "HTTP" + status;
            }
            if (msg == null || msg.isBlank()) {
                msg = "HTTP " + status + " with no error message";
            }
            return new Failure(code, oneLine(msg), status);
        }
        if (t instanceof SdkServiceException sse) {
            return new Failure(sse.statusCode() >= 500 ? "InternalFailure" : "HTTP" + sse.statusCode(),
                    oneLine(sse.getMessage()), sse.statusCode());
        }
        if (isTimeout(t)) {
            return new Failure("Timeout", oneLine(t.getMessage()), 0);
        }
        if (t instanceof SdkJson.MalformedResponseException || isMalformed(t)) {
            return new Failure("MalformedResponse", oneLine(rootMessage(t)), 0);
        }
        if (t instanceof SdkClientException && String.valueOf(t.getMessage()).startsWith(UsableAnswers.CODE + ": ")) {
            return new Failure(UsableAnswers.CODE, oneLine(t.getMessage().substring(UsableAnswers.CODE.length() + 2)), 0);
        }
        if (t instanceof SdkClientException) {
            return new Failure("ClientError", oneLine(t.getMessage()), 0);
        }
        return new Failure("CollectorError", t.getClass().getSimpleName() + ": " + oneLine(t.getMessage()), 0);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiCallTimeoutException || c instanceof ApiCallAttemptTimeoutException
                    || c instanceof SocketTimeoutException
                    || c instanceof InterruptedIOException && String.valueOf(c.getMessage()).contains("timed out")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean isMalformed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String n = c.getClass().getName();
            String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (n.contains("JsonParseException") || n.contains("XMLStreamException") || n.contains("SAXParseException")
                    || n.contains("JsonEOFException") || m.contains("unmarshall") || m.contains("unable to parse")
                    || m.contains("unexpected character") || m.contains("unexpected end")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        String m = t.getMessage();
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) {
                m = m + " (" + c.getMessage() + ")";
                break;
            }
        }
        return m;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    public boolean isAccessDenied() {
        return code.contains("AccessDenied") || code.equals("UnauthorizedOperation") || code.equals("AuthFailure");
    }
}
