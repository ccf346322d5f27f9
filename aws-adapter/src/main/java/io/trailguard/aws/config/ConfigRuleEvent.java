package io.trailguard.aws.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;

/**
 * The fields of a Config rule invocation event the handler reads, with {@code invokingEvent} and
 * {@code ruleParameters} (JSON sent as strings) parsed. Malformed input throws {@link IllegalArgumentException} whose
 * message starts with the JSON pointer of the bad field.
 *
 * <p>Event fields: https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html
 *
 * @param invoking       the parsed {@code invokingEvent}
 * @param ruleParameters the parsed {@code ruleParameters} (an empty object when absent)
 * @param resultToken    the token to report with ({@value ConfigRuleHandler#TEST_MODE_TOKEN} when absent)
 * @param region         the rule's region: from {@code configRuleArn}, else {@code AWS_REGION}, else the item's
 * @param accountId      the event's account, or {@code null}
 * @param partition      the rule ARN's partition ({@code aws} when the ARN has none)
 * @param leftScope      {@code eventLeftScope}: the resource is no longer in the rule's scope
 */
record ConfigRuleEvent(JsonNode invoking, JsonNode ruleParameters, String messageType, String resultToken,
                       boolean testMode, String region, String accountId, String partition, boolean leftScope) {

    /** Reads an event; the order of the checks is the order of the messages a malformed event gets. */
    static ConfigRuleEvent parse(JsonNode event) {
        JsonNode invoking = jsonField(event, "invokingEvent");
        JsonNode params = jsonField(event, "ruleParameters");
        String token = event.path("resultToken").asText(ConfigRuleHandler.TEST_MODE_TOKEN);
        boolean testMode = ConfigRuleHandler.TEST_MODE_TOKEN.equals(token) || event.path("testMode").asBoolean(false);
        String[] arn = event.path("configRuleArn").asText("").split(":");
        return new ConfigRuleEvent(invoking, params, invoking.path("messageType").asText(""), token, testMode,
                region(arn, invoking), event.path("accountId").asText(null),
                arn.length > 1 && !arn[1].isEmpty() ? arn[1] : "aws", event.path("eventLeftScope").asBoolean(false));
    }

    /** The ARN of the member-account role to assume, or {@code null} for the function's own credentials. */
    String memberRoleArn(String memberRoleName, String homeAccountId) {
        return memberRoleName == null || accountId == null || !accountId.matches("\\d{12}")
                || accountId.equals(homeAccountId) ? null
                : "arn:" + partition + ":iam::" + accountId + ":role/" + memberRoleName;
    }

    /** {@code notificationCreationTime} of a scheduled notification; now when absent. */
    Instant notificationTime() {
        JsonNode v = invoking.path("notificationCreationTime");
        Instant i = ConfigJson.instant(v);
        if (i == null && !v.isMissingNode() && !v.isNull()) {
            throw new IllegalArgumentException("/invokingEvent/notificationCreationTime: not an ISO 8601 time: " + v);
        }
        return i != null ? i : Instant.now();
    }

    /** A field that Config sends as a JSON string (invokingEvent, ruleParameters), parsed. */
    private static JsonNode jsonField(JsonNode event, String field) {
        JsonNode v = event.get(field);
        if (v == null || v.isNull()) {
            if (field.equals("invokingEvent")) {
                throw new IllegalArgumentException("/invokingEvent: missing: not a Config rule event");
            }
            return ConfigJson.F.objectNode();
        }
        if (v.isTextual()) {
            try {
                JsonNode parsed = ConfigJson.JSON.readTree(v.asText());
                if (parsed == null || !parsed.isObject()) {
                    throw new IllegalArgumentException("/" + field + ": expected a JSON object (as a string), found "
                            + (parsed == null ? "nothing" : parsed.getNodeType().name().toLowerCase(Locale.ROOT)));
                }
                return parsed;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("/" + field + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("/" + field + ": expected a JSON object, found "
                    + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v;
    }

    private static String region(String[] ruleArn, JsonNode invoking) {
        if (ruleArn.length > 3 && !ruleArn[3].isEmpty()) {
            return ruleArn[3];
        }
        String env = System.getenv("AWS_REGION");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String r = invoking.path("configurationItem").path("awsRegion").asText(null);
        return r != null ? r : invoking.path("configurationItemSummary").path("awsRegion").asText("us-east-1");
    }
}
