package io.trailguard.core.fix;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One AWS CLI command of a fix, rendered from a {@link Change}: the account and region it must run in and its words.
 *
 * @param account   the account the command must run in (its credentials)
 * @param region    the region, also present as {@code --region} among the words
 * @param argv      the words after {@code aws}; a word may hold a {@linkplain ShellQuote#variable marker} of an unset
 *                  parameter
 * @param variables the shell variables (unset parameters) the words use; empty when the command is ready to run
 * @since 0.2.0
 */
public record FixCommand(String account, String region, List<String> argv, Set<String> variables) {
    public FixCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        argv = List.copyOf(argv);
        variables = Set.copyOf(variables);
    }

    /** The command as one bash line, every word quoted by {@link ShellQuote}. */
    public String line() {
        return "aws " + ShellQuote.line(argv, variables);
    }

    /** The words, {@code aws} first, with unset parameters shown as {@code ${NAME}}. */
    public List<String> words() {
        List<String> out = new java.util.ArrayList<>();
        out.add("aws");
        for (String w : argv) {
            out.add(w.replaceAll("\uE000([A-Z][A-Z0-9_]*)\uE001", "\\${$1}"));
        }
        return List.copyOf(out);
    }

    /** True when no unset parameter is needed. */
    public boolean isReady() {
        return variables.isEmpty();
    }
}
