package io.trailguard.core;

import java.util.Locale;

/**
 * How much a failing finding matters, from {@link #INFO} to {@link #CRITICAL}.
 *
 * @since 0.1.0
 */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in rule files, reports and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** Parses a label such as {@code high}, ignoring case; throws {@link IllegalArgumentException} otherwise. */
    public static Severity parse(String label) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(label.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + label + "': expected one of critical, high, medium, low, info");
    }
}
