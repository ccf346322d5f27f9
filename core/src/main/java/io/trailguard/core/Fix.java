package io.trailguard.core;

import io.trailguard.core.fix.Change;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.fix.ParamUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to repair a failing finding. Where the remedy is a configuration change, the fix is that change as typed data
 * ({@link Change}s) and its commands are rendered from it, one renderer per AWS API: the engine applies the same
 * changes to the snapshot to prove them. Read-only commands that help diagnose ({@link #checks}) and the steps are
 * written by the rule.
 *
 * @param summary  one sentence
 * @param steps    what to do, in order
 * @param changes  the typed changes; empty when the remedy needs a decision the engine cannot make ({@link #manual})
 * @param commands the AWS CLI commands rendered from {@code changes}, in order
 * @param checks   read-only AWS CLI commands that show the state to check
 * @param params   where the values of the parameters naming the user's resources came from
 * @param manual   why there is no typed change, or {@code null}
 * @since 0.1.0
 */
public record Fix(String summary, List<String> steps, List<Change> changes, List<FixCommand> commands,
                  List<FixCommand> checks, List<ParamUse> params, String manual) {
    public Fix {
        Objects.requireNonNull(summary, "summary");
        steps = List.copyOf(steps);
        changes = List.copyOf(changes);
        commands = List.copyOf(commands);
        checks = List.copyOf(checks);
        params = List.copyOf(params);
    }

    /** Every command as a bash line: the rendered changes, then the checks. */
    public List<String> cli() {
        List<String> out = new ArrayList<>();
        commands.forEach(c -> out.add(c.line()));
        checks.forEach(c -> out.add(c.line()));
        return List.copyOf(out);
    }

    /**
     * The commands as a reader pastes them: a comment line naming the account and region before each group of
     * commands that run there, then the commands and checks; first, for each parameter nothing decided, the line
     * that declares its shell variable.
     */
    public List<String> script() {
        List<String> out = new ArrayList<>();
        unsetParams().forEach(p -> out.add(p.declaration()));
        String where = null;
        List<FixCommand> all = new ArrayList<>(commands);
        all.addAll(checks);
        for (FixCommand c : all) {
            String w = "# in account " + c.account() + ", " + c.region();
            if (!w.equals(where)) {
                out.add(w);
                where = w;
            }
            out.add(c.line());
        }
        return List.copyOf(out);
    }

    /** True when the fix has typed changes the engine can apply and every parameter they need is known. */
    public boolean isProvable() {
        return !changes.isEmpty() && unsetParams().isEmpty();
    }

    /** The parameters nothing decided; while any is unset the fix is not provable and its commands do not run. */
    public List<ParamUse> unsetParams() {
        return params.stream().filter(ParamUse::isUnset).toList();
    }

    /** Why the fix cannot be proven: no typed change, or unset parameters; {@code null} when it can. */
    public String whyNotProvable() {
        if (changes.isEmpty()) {
            return manual != null ? manual : "the fix has no typed change";
        }
        List<ParamUse> unset = unsetParams();
        if (!unset.isEmpty()) {
            return "not provable until " + String.join(", ", unset.stream().map(ParamUse::name).toList())
                    + (unset.size() == 1 ? " is" : " are") + " set (--param "
                    + unset.get(0).name() + "=…)";
        }
        return null;
    }
}
