package dev.computefabric.gateway.calls;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a client asked to wait for a result: {@code "30s"}, {@code "500ms"}, {@code "2m"}, an ISO-8601
 * duration ({@code "PT30S"}) or a plain number of seconds ({@code 1.5} or {@code "1.5"}). A wait longer than
 * the gateway's maximum is cut to the maximum rather than refused: the client then gets the current state
 * and can ask again.
 */
public final class WaitDuration {

    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)\\s*(ms|s|m)?");
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);

    private WaitDuration() {}

    /** Parses {@code text} ({@code "30s"}, {@code "500ms"}, {@code "PT1M"}, {@code "2"}), capped at {@code max}. */
    public static Duration parse(String text, Duration max) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return iso(text.trim(), max);
        }
        Matcher m = AMOUNT.matcher(t);
        if (!m.matches()) {
            throw invalid("\"" + text + "\"");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount.multiply(MILLIS_PER_MINUTE);
            default -> amount.multiply(MILLIS_PER_SECOND);
        };
        return capped(millis, max);
    }

    /** A number of seconds, as a JSON number carries it, capped at {@code max}. */
    public static Duration ofSeconds(BigDecimal seconds, Duration max) {
        if (seconds.signum() < 0) {
            throw invalid(seconds.toPlainString() + " (a wait cannot be negative)");
        }
        return capped(seconds.multiply(MILLIS_PER_SECOND), max);
    }

    private static Duration iso(String text, Duration max) {
        Duration parsed;
        try {
            parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("\"" + text + "\" (not an ISO-8601 duration: " + e.getMessage() + ")");
        }
        if (parsed.isNegative()) {
            throw invalid("\"" + text + "\" (a wait cannot be negative)");
        }
        return parsed.compareTo(max) > 0 ? max : parsed;
    }

    private static Duration capped(BigDecimal millis, Duration max) {
        // Compare before converting so that absurdly long waits cannot overflow a long.
        if (millis.compareTo(BigDecimal.valueOf(max.toMillis())) > 0) {
            return max;
        }
        return Duration.ofMillis(millis.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static InvalidRequestException invalid(String got) {
        return new InvalidRequestException(
                "wait must be a duration such as \"30s\", \"500ms\", \"2m\" or a number of" + " seconds, got " + got);
    }
}
