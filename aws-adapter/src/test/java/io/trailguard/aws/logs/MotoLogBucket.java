package io.trailguard.aws.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.core.integrity.LocalLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads a local copy of a log bucket to S3 (moto) as CloudTrail delivers it: each digest's signature as user metadata. */
public final class MotoLogBucket {
    private MotoLogBucket() {
    }

    /** Creates the bucket and uploads every object under {@code root}, with its {@code .metadata.json} as metadata. */
    public static void upload(S3Client s3, String bucket, Path root) throws IOException {
        s3.createBucket(b -> b.bucket(bucket));
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(LocalLogStore.METADATA_SUFFIX)).toList();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path f : files) {
            String key = root.relativize(f).toString().replace('\\', '/');
            Path meta = f.resolveSibling(f.getFileName() + LocalLogStore.METADATA_SUFFIX);
            Map<String, String> m = new HashMap<>();
            if (Files.exists(meta)) {
                json.readTree(meta.toFile()).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            }
            s3.putObject(b -> b.bucket(bucket).key(key).metadata(m), RequestBody.fromFile(f));
        }
    }
}
