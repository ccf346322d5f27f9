package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Results;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compact text report: terminal safety, the fix once per rule, evidence deduplicated and capped. */
class TextReportTest {
    private static final String ESC = "\u001b";

    @Test
    void snapshotTextNeverReachesTheTerminalAsEscapes() {
        ScanResult r = ReportFixtures.awkward();
        String title = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u202ehidden";
        Finding f = r.findings().get(0);
        Finding evil = new Finding(f.ruleId(), f.status(), f.severity(), title, new ResourceRef(f.resource().type(),
                "arn:aws:s3:::b\u001b[1A", "111122223333", "eu-west-1"), "Bucket \u001b[31mred\u001b[0m broke.",
                title, List.of(new Evidence("x", "$.Name", "\"\u001b[K\"", "equals \u001b")), f.references(),
                new Fix(title, List.of(title), List.of(), List.of(new FixCommand("111122223333", "eu-west-1",
                        List.of("s3", "ls", "\u001b[2J"), Set.of())), List.of(), List.of(), null), null);
        ScanResult result = r.withFindings(List.of(evil));
        for (boolean details : new boolean[] {false, true}) {
            String plain = TextReport.render(result, "snap\u001b.json", new TextReport.Options(true, false, details));
            assertFalse(plain.contains(ESC), plain);
            assertFalse(plain.contains("\u0007") || plain.contains("\u009b") || plain.contains("\u202e"), plain);
            assertTrue(plain.contains("\\x1b]0;owned\\x07"), "escaped visibly, not dropped: " + plain);
            String color = TextReport.render(result, "snap\u001b.json", new TextReport.Options(true, true, details));
            assertEquals(plain, color.replaceAll("\u001b\\[[0-9;]*m", ""), "only our own colour codes");
        }
    }

    @Test
    void aFixSharedByEveryResourceIsShownOnceAndOnlyTheValuesDifferPerResource() {
        List<Finding> fs = new ArrayList<>();
        for (String[] t : new String[][] {{"prod-audit", "333333333333", "eu-west-1"},
                {"dev-trail", "444444444444", "us-east-1"}}) {
            String arn = "arn:aws:cloudtrail:" + t[2] + ":" + t[1] + ":trail/" + t[0];
            fs.add(new Finding("CT-13", Status.FAIL, Severity.LOW, "The trail notifies an SNS topic",
                    new ResourceRef("AWS::CloudTrail::Trail", arn, t[1], t[2]),
                    "Trail " + t[0] + " sends no notification.", "why",
                    List.of(new Evidence(arn, "$.SnsTopicARN", null, "is present")), List.of(),
                    new Fix("Notify a topic of trail " + t[0] + ".", List.of("Create the topic."), List.of(),
                            List.of(new FixCommand(t[1], t[2], List.of("cloudtrail", "update-trail", "--name",
                                    arn, "--sns-topic-name", "log-delivery", "--region", t[2]), Set.of())),
                            List.of(), List.of(), null), null));
        }
        ScanResult r = Results.of(Instant.parse("2026-11-20T09:00:00Z"), List.of("333333333333", "444444444444"), 2, fs);
        String text = TextReport.render(r, "s.json", false);
        assertEquals(1, count(text, "$ aws cloudtrail update-trail"), text);
        assertTrue(text.replaceAll("\\s+", " ").contains("for dev-trail (Trail, 444444444444 us-east-1): the same with prod-audit → dev-trail, "
                + "eu-west-1 → us-east-1, 333333333333 → 444444444444"), text);
        assertEquals(1, count(text, "found     $.SnsTopicARN = (absent); required: is present"), "evidence once: " + text);
        String details = TextReport.render(r, "s.json", new TextReport.Options(false, false, true));
        assertEquals(2, count(details, "$ aws cloudtrail update-trail"), "--details shows every command: " + details);
        assertTrue(details.contains("1. Create the topic."), details);
    }

    @Test
    void resourcesWithTheSameProblemShareALineAndAFixRunElsewhereNamesWhereBeforeItsSummary() {
        List<Finding> fs = new ArrayList<>();
        for (String[] t : new String[][] {{"111111111111", "arn:aws:cloudtrail:us-east-1:111111111111:trail/org"},
                {"333333333333", "arn:aws:cloudtrail:us-east-1:111111111111:trail/org, arn:aws:cloudtrail:eu-west-1:"
                        + "333333333333:trail/prod"}}) {
            fs.add(new Finding("CT-08", Status.FAIL, Severity.MEDIUM, "S3 data events are recorded",
                    new ResourceRef(ResourceRef.ACCOUNT_TYPE, t[0], t[0], "global"),
                    "S3 data events of account " + t[0] + " are not fully recorded (trails seen: " + t[1] + ").", "why",
                    List.of(new Evidence(t[0], "related readTrails", "[]", "trails logging account " + t[0])), List.of(),
                    new Fix("Record S3 data events on trail org.", List.of(), List.of(),
                            List.of(new FixCommand("111111111111", "us-east-1", List.of("cloudtrail",
                                    "put-event-selectors", "--trail-name", "org", "--region", "us-east-1"), Set.of())),
                            List.of(), List.of(), null), null));
        }
        ScanResult r = Results.of(Instant.parse("2026-11-20T09:00:00Z"), List.of("111111111111", "333333333333"), 2, fs);
        String text = TextReport.render(r, "s.json", false);
        assertTrue(text.contains("  • accounts 111111111111, 333333333333: S3 data events of account … are not fully "
                + "recorded.\n"), "one line, the trails seen left to --details: " + text);
        assertTrue(text.contains("fix       in account 111111111111, us-east-1: Record S3 data events on trail org.\n"),
                "the account the commands run in, before the summary, not on a line of its own: " + text);
        assertFalse(text.contains("# in account"), text);
        assertTrue(text.contains("== MEDIUM: 1 rule, 2 findings ="), text);
        String details = TextReport.render(r, "s.json", new TextReport.Options(false, false, true));
        assertTrue(details.replaceAll("\\s+", " ").contains("trails seen: arn:aws:cloudtrail:us-east-1:111111111111:"
                + "trail/org, arn:aws:cloudtrail:eu-west-1:333333333333:trail/prod"), details);
        assertTrue(details.contains("# in account 111111111111, us-east-1"), details);
    }

    @Test
    void ofThreeOrMoreDifferentFixesOneIsShownInFullAndTheOthersAreNamed() {
        List<Finding> fs = new ArrayList<>();
        String[][] cases = {{"222222222222", "eu-west-1", "put-delivery-channel"},
                {"333333333333", "eu-west-1", "start-configuration-recorder"},
                {"444444444444", "us-east-1", "put-configuration-recorder"}};
        for (String[] t : cases) {
            List<FixCommand> commands = new ArrayList<>();
            for (int i = 0; i <= fs.size(); i++) { // each fix has a different number of commands
                commands.add(new FixCommand(t[0], t[1], List.of("configservice", t[2], "--region", t[1]), Set.of()));
            }
            fs.add(new Finding("CFG-01", Status.FAIL, Severity.MEDIUM, "AWS Config records",
                    new ResourceRef(ResourceRef.REGION_TYPE, t[0] + "/" + t[1], t[0], t[1]),
                    "AWS Config does not record in account " + t[0] + ", " + t[1] + ".", "why", List.of(), List.of(),
                    new Fix("Record in " + t[0] + "/" + t[1] + ".", List.of(), List.of(), commands, List.of(),
                            List.of(), null), null));
        }
        ScanResult r = Results.of(Instant.parse("2026-11-20T09:00:00Z"),
                List.of("222222222222", "333333333333", "444444444444"), 3, fs);
        String text = TextReport.render(r, "s.json", false);
        assertTrue(text.contains("  • 222222222222 eu-west-1, 333333333333 eu-west-1, 444444444444 us-east-1: AWS Config "
                + "does not rec…\n"), "one line for the three: " + text);
        assertEquals(1, count(text, "$ aws configservice put-delivery-channel"), text);
        assertEquals(0, count(text, "$ aws configservice start-configuration-recorder"), text);
        assertTrue(text.contains("and for 333333333333 eu-west-1, 444444444444 us-east-1: --details or --fix-script\n"),
                text);
        String details = TextReport.render(r, "s.json", new TextReport.Options(false, false, true));
        assertEquals(2, count(details, "$ aws configservice start-configuration-recorder"), details);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
