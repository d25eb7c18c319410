package dev.computefabric.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A set of capability tags, e.g. {@code {gpu, python}}, named by its sorted, lower-case, {@code .}-joined
 * tags ({@code gpu.python}); the empty set is named {@code any}. The name is the suffix of the capability
 * topic {@code fabric.calls.<name>}.
 *
 * <p>Why {@code .} and not {@code +}: Kafka topic names allow only {@code [a-zA-Z0-9._-]}. And because Kafka
 * treats {@code .} and {@code _} as colliding in topic names, tags may not contain {@code _}.
 */
public record Capset(SortedSet<String> tags) {

    public static final String ANY = "any";
    public static final String SEPARATOR = ".";
    /** What a tag may look like. */
    public static final String TAG_PATTERN = "[a-z0-9][a-z0-9-]*";

    private static final Pattern TAG = Pattern.compile(TAG_PATTERN);

    public Capset {
        tags = new TreeSet<>(tags);
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches() || tag.equals(ANY)) {
                throw new IllegalArgumentException(
                        "capability tag must match " + TAG_PATTERN + " and not be 'any', got: '" + tag + "'");
            }
        }
        tags = java.util.Collections.unmodifiableSortedSet(tags);
    }

    /** The set of {@code tags}, lower-cased and trimmed; blank entries are ignored. */
    public static Capset of(Collection<String> tags) {
        TreeSet<String> normal = new TreeSet<>();
        for (String tag : tags) {
            String t = tag.trim().toLowerCase(java.util.Locale.ROOT);
            if (!t.isEmpty()) {
                normal.add(t);
            }
        }
        return new Capset(normal);
    }

    public static Capset of(String... tags) {
        return of(List.of(tags));
    }

    /** Parses a capset name ({@code gpu.python}, {@code any}). */
    public static Capset parse(String name) {
        return name.equals(ANY) ? of() : of(List.of(name.split(Pattern.quote(SEPARATOR))));
    }

    public String name() {
        return tags.isEmpty() ? ANY : String.join(SEPARATOR, tags);
    }

    public boolean isSubsetOf(Capset other) {
        return other.tags.containsAll(tags);
    }

    /** Every subset of this set, {@code any} included: the capability topics a node with these tags serves. */
    public List<Capset> subsets() {
        List<String> list = new ArrayList<>(tags);
        if (list.size() > 16) {
            throw new IllegalStateException("too many capability tags to enumerate subsets: " + list.size());
        }
        List<Capset> subsets = new ArrayList<>();
        for (int mask = 0; mask < (1 << list.size()); mask++) {
            TreeSet<String> subset = new TreeSet<>();
            for (int i = 0; i < list.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    subset.add(list.get(i));
                }
            }
            subsets.add(new Capset(subset));
        }
        return subsets;
    }

    public Set<String> asSet() {
        return tags;
    }

    @Override
    public String toString() {
        return name();
    }
}
