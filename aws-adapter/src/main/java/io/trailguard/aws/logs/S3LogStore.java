package io.trailguard.aws.logs;

import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.core.integrity.LogStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A log bucket read through S3: {@code ListObjectsV2}, {@code GetObject} (streamed), {@code HeadObject} for a digest's
 * {@code x-amz-meta-signature}. A missing object is {@link NoSuchFileException}; any other failure (after the client's
 * retries) is an {@link IOException} with AWS's error code, which validation reports as UNKNOWN for its hour.
 *
 * @since 0.2.0
 */
public final class S3LogStore implements LogStore {
    private final S3Client s3;
    private final String bucket;

    public S3LogStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void list(String prefix, Consumer<String> sink) throws IOException {
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix == null ? "" : prefix)).contents()) {
                sink.accept(o.key());
            }
        } catch (SdkException e) {
            throw failure("ListObjectsV2 s3://" + bucket + "/" + (prefix == null ? "" : prefix), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("GetObject " + describe(key), e);
        }
    }

    @Override
    public Map<String, String> metadata(String key) throws IOException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).metadata();
        } catch (SdkException e) {
            throw failure("HeadObject " + describe(key), e);
        }
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static IOException failure(String call, SdkException e) {
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s && s.statusCode() == 404
                && !"NoSuchBucket".equals(s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode())) {
            return new NoSuchFileException(call);
        }
        Failure f = Failure.of(e);
        return new IOException(call + ": " + f.code() + ": " + f.message(), e);
    }
}
