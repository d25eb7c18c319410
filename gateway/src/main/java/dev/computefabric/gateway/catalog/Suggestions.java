package dev.computefabric.gateway.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The known names closest to one a caller got wrong: few edits apart (a typo), or sharing a long enough start
 * ({@code table.summary} for {@code table.describe}'s family, {@code sum} for {@code summarize}).
 */
public final class Suggestions {

    /** At most this many names are suggested. */
    public static final int DEFAULT_MAX = 3;
    /** A shared start this long makes a name worth suggesting, however different the rest. */
    static final int MIN_COMMON_PREFIX = 3;

    private Suggestions() {}

    /** Up to {@code max} of {@code names} closest to {@code wanted}, the closest first. */
    public static List<String> closest(String wanted, Collection<String> names, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        // A typo is up to a third of the name's letters away, and at least 2 edits are always allowed.
        int maxDistance = Math.max(2, w.length() / 3);
        record Candidate(String name, int distance, int prefix) {}
        return names.stream()
                .map(name -> {
                    String n = name.toLowerCase(Locale.ROOT);
                    return new Candidate(name, distance(w, n), commonPrefix(w, n));
                })
                .filter(c -> c.distance() <= maxDistance
                        || c.prefix() >= Math.min(MIN_COMMON_PREFIX, w.length())
                        || c.name().toLowerCase(Locale.ROOT).contains(w))
                .sorted(Comparator.comparingInt(Candidate::distance)
                        .thenComparing(
                                Comparator.comparingInt(Candidate::prefix).reversed())
                        .thenComparing(Candidate::name))
                .limit(max)
                .map(Candidate::name)
                .toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
