package io.trailguard.core.fix;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.fix.render.FixJson;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a {@link FixPlan} as one bash script or as JSON (the shape is in docs/reports.md, "Fix plan"). The
 * script: a header with the proof result, {@code set -euo pipefail}, the unset parameters as variables it refuses to
 * run without, {@code tg_account} (switches to {@code ${TG_PROFILE_PREFIX}ACCOUNT} when that is set and
 * checks the credentials are the account's), then per account and region the commands as plain {@code aws} lines,
 * each with {@code --region}; creating commands tolerate "already exists" so a second run changes nothing; last, the
 * findings the plan cannot fix, with the reason.
 *
 * @since 0.2.0
 */
public final class FixScript {
    private static final Pattern CREATE = Pattern.compile("create-.*|associate-.*");

    private FixScript() {
    }

    /** The plan as a bash script. */
    public static String bash(FixPlan plan, String source, String capturedAt) {
        StringBuilder sb = new StringBuilder();
        sb.append("#!/usr/bin/env bash\n");
        sb.append("# trailguard fix plan for ").append(comment(source)).append(" (snapshot captured ")
                .append(comment(capturedAt)).append(")\n");
        sb.append("# ").append(plan.fixed().size()).append(" failing finding(s) fixed by this script, ")
                .append(plan.unfixable().size()).append(" not fixable here (listed at the end).\n");
        sb.append("# Proof: ").append(plan.proof().result().toUpperCase(java.util.Locale.ROOT)).append(" - ")
                .append(comment(plan.proof().detail())).append('\n');
        for (String s : plan.proof().stillFailing()) {
            sb.append("#   still failing: ").append(comment(s)).append('\n');
        }
        for (String s : plan.proof().newFailures()) {
            sb.append("#   would newly fail: ").append(comment(s)).append('\n');
        }
        sb.append("# Run it with credentials that can reach every account below: TG_PROFILE_PREFIX=p- makes each\n");
        sb.append("# account's block use the AWS profile p-ACCOUNT. Every block checks it runs in its own account.\n");
        sb.append("set -euo pipefail\n\n");
        if (!plan.variables().isEmpty()) {
            sb.append("# Parameters nothing in the snapshot decided: set them (or scan again with --param) before running.\n");
            for (ParamUse p : plan.variables()) {
                sb.append(p.declaration()).append('\n');
            }
            for (ParamUse p : plan.variables()) {
                sb.append(": \"${").append(p.variable()).append(":?set ").append(p.variable())
                        .append(" first (the parameter ").append(p.name()).append("; or scan again with --param ")
                        .append(p.name()).append("=VALUE)}\"\n");
            }
            sb.append('\n');
        }
        sb.append("""
                tg_account() {
                  if [ -n "${TG_PROFILE_PREFIX:-}" ]; then
                    export AWS_PROFILE="${TG_PROFILE_PREFIX}$1"
                  fi
                  local actual
                  actual=$(aws sts get-caller-identity --query Account --output text --region us-east-1) || {
                    echo "fix script: cannot tell which account the credentials are for; the next commands are for account $1" >&2
                    exit 3
                  }
                  if [ "$actual" != "$1" ]; then
                    echo "fix script: the next commands are for account $1 but the credentials are for account $actual (set AWS_PROFILE, or TG_PROFILE_PREFIX)" >&2
                    exit 3
                  fi
                }

                tg_err=$(mktemp)
                trap 'rm -f "$tg_err"' EXIT
                # A creating command that finds its resource already there (a second run) is not an error.
                tg_exists() {
                  if grep -qiE 'AlreadyExists|already exists|ResourceInUse|Duplicate' "$tg_err"; then
                    echo "fix script: already there, kept" >&2
                  else
                    cat "$tg_err" >&2
                    exit 1
                  fi
                }
                """);
        String account = null;
        String region = null;
        ResourceRef target = null;
        for (FixPlan.PlannedCommand pc : plan.commands()) {
            FixCommand c = pc.command();
            if (!c.account().equals(account) || !c.region().equals(region)) {
                sb.append("\n# ---- account ").append(c.account()).append(", ").append(c.region()).append(" ----\n");
                if (!c.account().equals(account)) {
                    sb.append("tg_account ").append(c.account()).append('\n');
                }
                account = c.account();
                region = c.region();
                target = null;
            }
            if (!pc.target().equals(target)) {
                sb.append("# ").append(comment(pc.target().type() + " " + pc.target().id())).append(": ")
                        .append(comment(String.join(", ", pc.findings()))).append('\n');
                target = pc.target();
            }
            boolean creates = c.argv().size() > 1 && CREATE.matcher(c.argv().get(1)).matches();
            sb.append(c.line());
            if (creates) {
                sb.append(" 2>\"$tg_err\" || tg_exists");
            }
            sb.append('\n');
        }
        if (!plan.unfixable().isEmpty()) {
            sb.append("\n# ---- not fixed by this script ----\n");
            for (FixPlan.Unfixable u : plan.unfixable()) {
                Finding f = u.finding();
                sb.append("# ").append(f.ruleId()).append(" on ").append(comment(f.resource().id())).append(" (account ")
                        .append(f.resource().accountId()).append("): ").append(comment(u.reason())).append('\n');
            }
        }
        sb.append("\necho \"fix script: done\" >&2\n");
        return sb.toString();
    }

    /** Text made safe for a comment line: no line break can end the comment. */
    private static String comment(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return ShellQuote.display(out.toString());
    }

    /** The plan as JSON. */
    public static String json(FixPlan plan, String source, String capturedAt) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("planVersion", 1);
            g.writeStringField("snapshot", source);
            g.writeStringField("capturedAt", capturedAt);
            g.writeObjectFieldStart("proof");
            g.writeStringField("result", plan.proof().result());
            g.writeStringField("detail", plan.proof().detail());
            strings(g, "stillFailing", plan.proof().stillFailing());
            strings(g, "newFailures", plan.proof().newFailures());
            g.writeEndObject();
            g.writeArrayFieldStart("variables");
            for (ParamUse p : plan.variables()) {
                FixJson.param(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("fixes");
            for (Finding f : plan.fixed()) {
                finding(g, f, null);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("commands");
            for (FixPlan.PlannedCommand pc : plan.commands()) {
                g.writeStartObject();
                g.writeStringField("phase", pc.phase().toLowerCase(java.util.Locale.ROOT));
                g.writeFieldName("target");
                FixJson.resource(g, pc.target());
                strings(g, "findings", pc.findings());
                g.writeFieldName("command");
                FixJson.command(g, pc.command());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("unfixable");
            for (FixPlan.Unfixable u : plan.unfixable()) {
                finding(g, u.finding(), u.reason());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }

    private static void finding(JsonGenerator g, Finding f, String reason) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeFieldName("resource");
        FixJson.resource(g, f.resource());
        if (reason != null) {
            g.writeStringField("reason", reason);
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
