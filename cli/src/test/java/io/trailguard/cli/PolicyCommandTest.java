package io.trailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCommandTest {
  private static final String BUCKET_POLICY = """
      {"Version":"2012-10-17","Statement":[
        {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
         "Action":"s3:PutObject","Resource":"arn:aws:s3:::central-logs/AWSLogs/111122223333/*",
         "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control",
           "aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}},
        {"Sid":"DenyDelete","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]}""";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path bucket;

  @BeforeEach
  void files() throws IOException {
    bucket = Files.writeString(dir.resolve("bucket.json"), BUCKET_POLICY);
  }

  private int run(String... args) {
    CommandLine cl = new CommandLine(new PolicyCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private String[] write(String account, String... extra) {
    String[] base = {"evaluate", bucket.toString(), "--principal", "cloudtrail.amazonaws.com", "--action",
        "s3:PutObject", "--resource", "arn:aws:s3:::central-logs/AWSLogs/" + account + "/x.json.gz",
        "--context", "s3:x-amz-acl=bucket-owner-full-control",
        "--context", "aws:SourceArn=arn:aws:cloudtrail:us-east-1:" + account + ":trail/main"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void evaluateAllowedPrintsDecisionAndStatement() {
    assertEquals(0, run(write("111122223333")), err.toString());
    assertTrue(out.toString().startsWith("ALLOWED: "), out.toString());
    assertTrue(out.toString().contains("allow  " + bucket + " › AWSCloudTrailWrite"), out.toString());
  }

  @Test
  void evaluateDeniedExitsOne() {
    assertEquals(1, run(write("444455556666")));
    assertTrue(out.toString().startsWith("IMPLICIT_DENY: "), out.toString());
  }

  @Test
  void evaluateExplicitDenyAsJson() throws IOException {
    int code = run("evaluate", bucket.toString(), "--principal", "arn:aws:iam::111122223333:role/admin",
        "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::central-logs/k", "--format", "json");
    assertEquals(1, code);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertEquals("EXPLICIT_DENY", json.get("decision").asText());
    assertEquals("DenyDelete", json.at("/statements/0/sid").asText());
    assertEquals(1, json.at("/statements/0/index").asInt());
  }

  @Test
  void wrapperFileAndIdentityPolicyCrossAccount() throws IOException {
    Path wrapped = Files.writeString(dir.resolve("wrapped.json"), new ObjectMapper().createObjectNode()
        .put("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"444455556666\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}").toString());
    Path identity = Files.writeString(dir.resolve("identity.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}");
    String[] args = {"evaluate", wrapped.toString(), identity.toString(), "--principal",
        "arn:aws:iam::444455556666:role/reader", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        "--resource-account", "111122223333"};
    assertEquals(0, run(args), out + err.toString());
    Path ec2Only = Files.writeString(dir.resolve("ec2.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}}");
    out.getBuffer().setLength(0);
    assertEquals(1, run("evaluate", wrapped.toString(), ec2Only.toString(), "--principal",
        "arn:aws:iam::444455556666:role/reader", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        "--resource-account", "111122223333"));
    assertTrue(out.toString().contains("cross-account"), out.toString());
  }

  @Test
  void badInputNamesTheFileAndTheProblem() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"),
        "{\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}");
    assertEquals(2, run("evaluate", broken.toString(), "--principal", "1", "--action", "s3:x", "--resource", "*"));
    assertTrue(err.toString().contains(broken + " at /Statement/Effect: Effect must be \"Allow\" or \"Deny\""),
        err.toString());
    assertEquals(2, run("public", dir.resolve("missing.json").toString()));
    assertTrue(err.toString().contains("missing.json: no such file"), err.toString());
    assertEquals(2, run("evaluate", bucket.toString(), "--principal", "1", "--action", "s3:x", "--resource", "*",
        "--context", "novalue"));
    assertTrue(err.toString().contains("--context novalue: expected KEY=VALUE"), err.toString());
    assertEquals(2, run("evaluate", bucket.toString()), "missing required options is a usage error");
  }

  @Test
  void publicCommand() throws IOException {
    assertEquals(0, run("public", bucket.toString()));
    assertTrue(out.toString().startsWith("NOT PUBLIC"), out.toString());
    Path open = Files.writeString(dir.resolve("open.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
        + "\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::b/*\"}]}");
    out.getBuffer().setLength(0);
    assertEquals(1, run("public", open.toString(), "--format", "json"));
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertTrue(json.get("public").asBoolean());
    assertEquals("PublicRead", json.at("/statements/0/sid").asText());
    assertTrue(json.at("/statements/0/reason").asText().contains("everyone"));
  }
}
