package dev.computefabric.gateway.calls;

import dev.computefabric.schemas.Capset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a capability tag as the client sent it, before {@link Capset} lower-cases it: a refusal quotes the
 * tag as written ({@code "GPU_x"}, not {@code gpu_x}), says what is allowed and suggests a tag that is.
 */
final class CapabilityTags {

    private static final Pattern TAG = Pattern.compile(Capset.TAG_PATTERN);
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9-]+");

    private CapabilityTags() {}

    /** {@code tag} unchanged if it names a valid tag in any case; else an {@link InvalidRequestException}. */
    static String check(String tag) {
        String normal = tag.trim().toLowerCase(Locale.ROOT);
        if (normal.isEmpty() || (TAG.matcher(normal).matches() && !normal.equals(Capset.ANY))) {
            return tag;
        }
        String reason = normal.equals(Capset.ANY)
                ? "\"any\" names the topic of calls without requirements and is not a tag"
                : "a tag is lower-case letters, digits and '-', starting with a letter or digit (case is ignored;"
                        + " '_' and '.' would collide in Kafka topic names, which join tags with '.')";
        String suggestion = suggest(normal);
        throw new InvalidRequestException("requirements: capability tag \"" + tag + "\" is not allowed: " + reason
                + (suggestion == null ? "" : "; e.g. \"" + suggestion + "\""));
    }

    private static String suggest(String normal) {
        String fixed = NOT_ALLOWED.matcher(normal).replaceAll("-").replaceAll("^-+|-+$", "");
        return fixed.isEmpty()
                        || fixed.equals(Capset.ANY)
                        || !TAG.matcher(fixed).matches()
                ? null
                : fixed;
    }
}
