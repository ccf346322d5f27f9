package io.trailguard.core.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the nearest known word to a misspelt one, for "did you mean …" hints. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a small edit distance (ignoring case and {@code _}/{@code -}), if any. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        String w = norm(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, norm(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, w.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} or the empty string. */
    public static String hint(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
