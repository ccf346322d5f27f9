package io.trailguard.aws.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.core.integrity.Layout;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects a notification announces: S3 event notifications (direct, through SNS, or through EventBridge) and
 * CloudTrail's own SNS delivery notifications ({@code {"s3Bucket", "s3ObjectKey": [...]}}). Only digest files can be
 * validated on arrival; log files are validated when their hour's digest arrives.
 * Formats: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html and
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/configure-sns-notifications-for-cloudtrail.html
 *
 * @since 0.2.0
 */
public final class DigestNotifications {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DigestNotifications() {
    }

    /** An object a notification names. */
    public record S3Object(String bucket, String key) {
        public boolean digest() {
            return Layout.digest(key).isPresent();
        }
    }

    /**
     * Every object the event names.
     *
     * @throws IllegalArgumentException when the event is none of the notification formats
     */
    public static List<S3Object> objects(JsonNode event) {
        List<S3Object> out = new ArrayList<>();
        collect(event, out, 0);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("not an S3 event notification, an SNS notification of one, an EventBridge "
                    + "Object Created event or a CloudTrail SNS delivery notification: no bucket and key found");
        }
        return out;
    }

    private static void collect(JsonNode e, List<S3Object> out, int depth) {
        if (e == null || depth > 3) {
            return;
        }
        if (e.has("Records") && e.get("Records").isArray()) {
            for (JsonNode r : e.get("Records")) {
                if (r.has("s3")) {
                    out.add(new S3Object(r.at("/s3/bucket/name").asText(),
                            URLDecoder.decode(r.at("/s3/object/key").asText(), StandardCharsets.UTF_8)));
                } else if (r.has("Sns")) {
                    String msg = r.at("/Sns/Message").asText("");
                    try {
                        collect(JSON.readTree(msg), out, depth + 1);
                    } catch (java.io.IOException notJson) {
                        // an SNS message that is not JSON names no object
                    }
                }
            }
        } else if (e.has("s3Bucket") && e.has("s3ObjectKey")) {
            for (JsonNode k : e.get("s3ObjectKey")) {
                out.add(new S3Object(e.get("s3Bucket").asText(), k.asText()));
            }
        } else if (e.has("detail") && e.at("/detail/bucket/name").isTextual()) {
            out.add(new S3Object(e.at("/detail/bucket/name").asText(), e.at("/detail/object/key").asText()));
        }
    }
}
