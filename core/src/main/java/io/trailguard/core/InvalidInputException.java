package io.trailguard.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A user's input (rule file, snapshot, parameter) is not valid. Carries every problem found, each with its
 * position, so that a user can fix them all in one pass.
 *
 * @since 0.1.0
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::format).collect(Collectors.joining(System.lineSeparator())));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(Problem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order found. */
    public List<Problem> problems() {
        return problems;
    }
}
