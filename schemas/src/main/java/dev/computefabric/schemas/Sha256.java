package dev.computefabric.schemas;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256: the content address of every stored table, and what cache keys and API tokens are hashed with. */
public final class Sha256 {

    /** Hex digits in a SHA-256. */
    public static final int HEX_LENGTH = 64;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{" + HEX_LENGTH + "}");

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String hex(MessageDigest finished) {
        return HexFormat.of().formatHex(finished.digest());
    }

    /** Whether {@code text} is a SHA-256 in lower-case hex, the form every key and reference uses. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /**
     * {@code text} as a lower-case hex SHA-256 (surrounding blanks and upper-case digits are accepted), or
     * null when it is not one.
     */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String hex = text.strip().toLowerCase(Locale.ROOT);
        return isHex(hex) ? hex : null;
    }
}
