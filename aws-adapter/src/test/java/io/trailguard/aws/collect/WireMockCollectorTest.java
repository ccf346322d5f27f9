package io.trailguard.aws.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WireMockCollectorTest {
    static AwsStub aws;

    @BeforeAll
    static void start() {
        aws = new AwsStub();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.server.resetAll();
        aws.defaults();
    }

    @Test
    void smoke() {
        ObjectNode s = SnapshotCollector.collect(aws.options("us-east-1"), ProgressListener.NONE);
        System.out.println(s.toPrettyString());
        assertTrue(s.get("errors").isEmpty(), s.get("errors").toPrettyString());
    }
}
