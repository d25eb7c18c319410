package dev.computefabric.executor.dispatch;

import dev.computefabric.avro.Priority;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The capability topics a node serves: {@code fabric.calls.<capset>} for every capset that is a subset of
 * its capabilities, at every priority ({@code .-high}, {@code .-low}). A node with {@code {gpu, python}} serves
 * {@code any}, {@code gpu}, {@code python} and {@code gpu.python}, including such topics created after it started.
 */
public final class ServedTopics {

    private ServedTopics() {}

    /**
     * E.g. {@code fabric\.calls\.(any|gpu)(\.\-high|\.\-low)?}, for a regex subscription: every
     * level in one subscription, so a classic consumer reads them all without preferring any.
     */
    public static Pattern pattern(Capset capabilities) {
        List<Capset> served = capabilities.subsets();
        return Pattern.compile(quote(Topics.CALLS_PREFIX)
                + served.stream().map(Capset::name).map(ServedTopics::quote).collect(Collectors.joining("|", "(", ")"))
                + Arrays.stream(Priority.values())
                        .filter(level -> level != Priority.NORMAL)
                        .map(level -> Topics.calls(Capset.of(), level)
                                .substring(Topics.calls(Capset.of()).length()))
                        .map(ServedTopics::quote)
                        .collect(Collectors.joining("|", "(", ")?")));
    }

    /** Whether {@code topic} is a capability topic this node serves; for dispatchers that list topics. */
    public static boolean serves(Capset capabilities, String topic) {
        if (!topic.startsWith(Topics.CALLS_PREFIX)) {
            return false;
        }
        try {
            Topics.priorityOf(topic);
            return Topics.capsetOf(topic).isSubsetOf(capabilities);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Escapes every character that is not a letter or digit. Unlike {@link Pattern#quote}, the result reads
     * like the topic name in logs ({@code gpu\.python}, not {@code \Qgpu.python\E}).
     */
    static String quote(String literal) {
        StringBuilder quoted = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
