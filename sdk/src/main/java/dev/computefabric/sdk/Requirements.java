package dev.computefabric.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Capability tags a client adds to every call, joined with a call's own. */
final class Requirements {

    private Requirements() {}

    /** {@code base} then {@code more}, each tag once, in that order. */
    static List<String> union(Collection<String> base, Collection<String> more) {
        LinkedHashSet<String> tags = new LinkedHashSet<>(base);
        for (String tag : more) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("a required capability tag must not be blank, got " + more);
            }
            tags.add(tag);
        }
        return List.copyOf(new ArrayList<>(tags));
    }
}
