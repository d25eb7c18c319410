package dev.computefabric.executor.dispatch;

import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The capability topics a node serves: {@code fabric.calls.<capset>} for every capset that is a subset of
 * its capabilities. A node with {@code {gpu, python}} serves {@code any}, {@code gpu}, {@code python} and
 * {@code gpu.python}, including such topics created after it started.
 */
public final class ServedTopics {

    private ServedTopics() {}

    /** E.g. {@code fabric\.calls\.(any|gpu|python|gpu\.python)}, for a regex subscription. */
    public static Pattern pattern(Capset capabilities) {
        List<Capset> served = capabilities.subsets();
        return Pattern.compile(quote(Topics.CALLS_PREFIX)
                + served.stream()
                        .map(Capset::name)
                        .map(ServedTopics::quote)
                        .collect(Collectors.joining("|", "(", ")")));
    }

    /** Whether {@code topic} is a capability topic this node serves; for dispatchers that list topics. */
    public static boolean serves(Capset capabilities, String topic) {
        if (!topic.startsWith(Topics.CALLS_PREFIX)) {
            return false;
        }
        try {
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
