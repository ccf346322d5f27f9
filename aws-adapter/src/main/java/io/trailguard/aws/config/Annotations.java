package io.trailguard.aws.config;

/** Fits a text into Config's annotation limit. Stateless. */
public final class Annotations {
    /** Config's limit on an annotation (API Evaluation: StringWithCharLimit256). */
    public static final int MAX_LENGTH = 256;

    private Annotations() {
    }

    /**
     * The text with its white space collapsed, cut to {@value #MAX_LENGTH} characters without splitting a surrogate
     * pair and the cut marked with "…"; {@code null} for no text.
     */
    public static String cut(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.replaceAll("\\s+", " ").trim();
        if (t.length() <= MAX_LENGTH) {
            return t;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end) + "…";
    }
}
