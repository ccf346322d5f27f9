package io.trailguard.core.fix.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailguard.core.Fix;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.fix.Change;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.fix.ParamUse;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.util.List;

/**
 * Writes the typed part of a fix into a JSON report or fix plan: the changes, the rendered commands (account, region,
 * words, the bash line) so a runner can run one finding's fix alone, the checks, and where its parameters came from.
 * The shape is in report.schema.json ({@code $defs/command}, {@code $defs/change}, {@code $defs/param}).
 */
public final class FixJson {
    private FixJson() {
    }

    /** Writes the fields {@code provable}, {@code notProvable}, {@code manual}, {@code params}, {@code changes}, {@code commands}, {@code checks}. */
    public static void write(JsonGenerator g, Fix fix) throws IOException {
        g.writeBooleanField("provable", fix.isProvable());
        String why = fix.whyNotProvable();
        if (why != null) {
            g.writeStringField("notProvable", why);
        }
        if (fix.manual() != null) {
            g.writeStringField("manual", fix.manual());
        }
        g.writeArrayFieldStart("params");
        for (ParamUse p : fix.params()) {
            param(g, p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("changes");
        for (Change c : fix.changes()) {
            change(g, c);
        }
        g.writeEndArray();
        commands(g, "commands", fix.commands());
        commands(g, "checks", fix.checks());
    }

    public static void param(JsonGenerator g, ParamUse p) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        if (p.value() != null) {
            g.writeStringField("value", p.value());
        }
        g.writeStringField("source", p.source());
        if (p.variable() != null) {
            g.writeStringField("variable", p.variable());
        }
        g.writeEndObject();
    }

    public static void change(JsonGenerator g, Change c) throws IOException {
        g.writeStartObject();
        g.writeStringField("api", c.api());
        g.writeFieldName("target");
        resource(g, c.target());
        if (c instanceof Change.Modify m) {
            {
                g.writeStringField("kind", "modify");
                g.writeArrayFieldStart("edits");
                for (Change.Edit e : m.edits()) {
                    g.writeStartObject();
                    g.writeStringField("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    g.writeStringField("path", e.path());
                    g.writeFieldName("value");
                    g.writeTree(Json.parse(e.value()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } else if (c instanceof Change.Create cr) {
            {
                g.writeStringField("kind", "create");
                g.writeFieldName("configuration");
                g.writeTree(Json.parse(cr.configuration()));
            }
        } else if (c instanceof Change.Delete) {
            g.writeStringField("kind", "delete");
        }
        g.writeEndObject();
    }

    public static void commands(JsonGenerator g, String field, List<FixCommand> cmds) throws IOException {
        g.writeArrayFieldStart(field);
        for (FixCommand c : cmds) {
            command(g, c);
        }
        g.writeEndArray();
    }

    public static void command(JsonGenerator g, FixCommand c) throws IOException {
        g.writeStartObject();
        g.writeStringField("account", c.account());
        g.writeStringField("region", c.region());
        g.writeArrayFieldStart("argv");
        for (String w : c.words()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeStringField("line", c.line());
        g.writeBooleanField("ready", c.isReady());
        g.writeEndObject();
    }

    public static void resource(JsonGenerator g, ResourceRef r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("type", r.type());
        g.writeStringField("accountId", r.accountId());
        g.writeStringField("region", r.region());
        g.writeEndObject();
    }
}
