package dev.computefabric.gateway.calls;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a client asked to wait: {@code "500ms"}, {@code "30s"}, {@code "2m"}, {@code "1h"} (units in any
 * case, a space allowed before them), an ISO-8601 duration ({@code "PT30S"}, {@code "P1D"}), or a plain number of
 * seconds ({@code 1.5} or {@code "1.5"}). A wait above the maximum is cut to it and marked
 * {@link RequestedWait#capped()}; anything that is not a duration, or negative, is refused saying what to send.
 */
public final class WaitDuration {

    /** The units a wait may name, for messages. */
    public static final String FORMS =
            "a duration such as \"500ms\", \"30s\", \"2m\", \"1h\" or \"PT30S\" (ISO-8601), or a number of seconds";

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private WaitDuration() {}

    /** Parses {@code text} ({@code "30s"}, {@code "500ms"}, {@code "1h"}, {@code "PT1M"}, {@code "2"}), capped at {@code max}. */
    public static RequestedWait parse(String text, Duration max) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p") || t.startsWith("-p") || t.startsWith("+p")) {
            return iso(text.trim(), max);
        }
        Matcher m = AMOUNT.matcher(t);
        if (!m.matches()) {
            throw invalid("\"" + text + "\"" + (t.startsWith("-") ? " (a wait cannot be negative)" : ""));
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount.multiply(MILLIS_PER_MINUTE);
            case "h" -> amount.multiply(MILLIS_PER_HOUR);
            default -> amount.multiply(MILLIS_PER_SECOND);
        };
        return capped(millis, max);
    }

    /** A number of seconds, as a JSON number carries it ({@code 1.5}, {@code 1e3}), capped at {@code max}. */
    public static RequestedWait ofSeconds(BigDecimal seconds, Duration max) {
        if (seconds.signum() < 0) {
            throw invalid(seconds.toPlainString() + " (a wait cannot be negative)");
        }
        return capped(seconds.multiply(MILLIS_PER_SECOND), max);
    }

    /** {@code duration} in the largest unit that states it exactly: {@code "1h"}, {@code "90s"}, {@code "1500ms"}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static RequestedWait iso(String text, Duration max) {
        Duration parsed;
        try {
            parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
                // Longer than a Duration can hold: certainly above the maximum.
                return new RequestedWait(max, true);
            }
            throw invalid("\"" + text + "\" (not an ISO-8601 duration such as \"PT30S\")");
        }
        if (parsed.isNegative()) {
            throw invalid("\"" + text + "\" (a wait cannot be negative)");
        }
        return parsed.compareTo(max) > 0 ? new RequestedWait(max, true) : new RequestedWait(parsed, false);
    }

    private static RequestedWait capped(BigDecimal millis, Duration max) {
        // Compared before converting, so that absurdly long waits (1e30) cannot overflow a long.
        if (millis.compareTo(BigDecimal.valueOf(max.toMillis())) > 0) {
            return new RequestedWait(max, true);
        }
        return new RequestedWait(
                Duration.ofMillis(millis.setScale(0, RoundingMode.CEILING).longValueExact()), false);
    }

    private static InvalidRequestException invalid(String got) {
        return new InvalidRequestException("wait must be " + FORMS + "; got " + got);
    }
}
