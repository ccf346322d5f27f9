package io.trailguard.core.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule for a resource type no snapshot holds would pass silently: it is an error naming where and the nearest. */
class ResourceTypesTest {
    @Test
    void aMisspelledTypeIsRejectedWithItsPositionAndTheNearestType(@TempDir Path dir) throws Exception {
        String rule = Files.readString(Path.of("../examples/rules/ORG-01.yaml"));
        assertTrue(rule.contains("resource: AWS::CloudTrail::Trail\n"));
        Path file = dir.resolve("ORG-01.yaml");
        Files.writeString(file, rule.replace("resource: AWS::CloudTrail::Trail\n", "resource: AWS::CloudTrail::Trial\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RulePack.load(dir));
        String line = rule.substring(0, rule.indexOf("resource: AWS")).split("\n", -1).length + "";
        assertTrue(e.problems().get(0).format().startsWith(file + ":" + line + ":11: unknown resource type "
                + "'AWS::CloudTrail::Trial' (did you mean 'AWS::CloudTrail::Trail'?)"), e.problems().get(0).format());
        Files.writeString(file, rule);
        assertEquals(1, RulePack.load(dir).rules().size(), "the correct spelling loads");
        Files.writeString(file, rule.replace("resource: AWS::CloudTrail::Trail\n", "resource: [AWS::S3::Bucket, AWS::S3::Buckett]\n")
                .replace("related: bucket", "related: trails"));
        InvalidInputException inList = assertThrows(InvalidInputException.class, () -> RulePack.load(dir));
        assertTrue(inList.getMessage().contains("unknown resource type 'AWS::S3::Buckett' (did you mean 'AWS::S3::Bucket'?)"),
                inList.getMessage());
    }
}
