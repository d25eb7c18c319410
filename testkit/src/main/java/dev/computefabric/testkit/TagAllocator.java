package dev.computefabric.testkit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives every test a capability tag of its own, e.g. {@code t7-discount-of-ten-percent}: unique in the run (the
 * number), readable in logs and the console (the test's name), and a valid tag and topic-name part
 * ({@code [a-z0-9][a-z0-9-]*}, short).
 */
final class TagAllocator {

    /** Room for the number within {@link #MAX_LENGTH}; {@code fabric.calls.<tags>} stays far below Kafka's 249. */
    static final int MAX_LENGTH = 40;

    private final AtomicInteger next = new AtomicInteger(1);

    /** A new tag, named after {@code testName} (e.g. a method name; anything goes). */
    String allocate(String testName) {
        String prefix = "t" + next.getAndIncrement();
        String slug = slug(testName == null ? "" : testName);
        if (slug.isEmpty()) {
            return prefix;
        }
        String tag = prefix + "-" + slug;
        return tag.length() <= MAX_LENGTH ? tag : trimDashes(tag.substring(0, MAX_LENGTH));
    }

    /** {@code discountOfTenPercent()} becomes {@code discount-of-ten-percent}; anything but letters and digits a dash. */
    static String slug(String name) {
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return trimDashes(words.replaceAll("[^a-z0-9]+", "-"));
    }

    private static String trimDashes(String text) {
        return text.replaceAll("^-+|-+$", "");
    }
}
