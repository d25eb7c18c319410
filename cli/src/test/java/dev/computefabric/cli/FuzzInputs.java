package dev.computefabric.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic bad input for the gateway, from one seed: random bytes, random JSON, byte-level mutations of a
 * valid call, every field with every wrong type, deep nesting, huge strings and invalid UTF-8.
 */
final class FuzzInputs {

    /** A valid call that, accepted, never runs long: a capability nobody has and a one-second deadline. */
    static final String VALID_CALL =
            "{\"function\": \"echo\", \"args\": {\"text\": \"fuzz\", \"n\": [1, 2.5, true, null]},"
                    + " \"requirements\": [\"fuzz-nobody\"], \"timeoutMs\": 1000, \"slots\": 1,"
                    + " \"tables\": {\"t\": {\"format\": \"csv\", \"content\": \"a,b\\n1,2\\n\"}},"
                    + " \"cache\": {\"ttl\": \"10s\"}}";

    static final List<String> FIELDS =
            List.of("function", "args", "requirements", "tables", "timeoutMs", "slots", "wait", "cache");

    static final List<String> WRONG_VALUES = List.of(
            "null",
            "true",
            "0",
            "-1",
            "1e400",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "0.5",
            "\"\"",
            "\"x\"",
            "\" \\u0000 \"",
            "\"-1s\"",
            "\"9999999999h\"",
            "[]",
            "[null]",
            "[1, \"a\", {}]",
            "{}",
            "{\"\": null}",
            "{\"format\": 1}",
            "{\"t\": {\"format\": \"parquet\", \"content\": 5}}",
            "{\"t\": {\"sha256\": \"zz\"}}",
            "{\"ttl\": -5}");

    private final Random random;

    FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    byte[] randomBytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Any JSON value, often not an object, sometimes with the fields of a call. */
    String randomJson(int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> random.nextBoolean() ? Long.toString(random.nextLong()) : Double.toString(random.nextGaussian());
            case 3, 4 -> quoted(randomText(random.nextInt(20)));
            case 5 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomJson(depth - 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(5); i > 0; i--) {
                    String key = random.nextInt(3) == 0 ? randomText(6) : FIELDS.get(random.nextInt(FIELDS.size()));
                    object.append(quoted(key))
                            .append(':')
                            .append(randomJson(depth - 1))
                            .append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    /** The valid call with one to eight bytes flipped, inserted, removed or repeated. */
    byte[] mutated() {
        byte[] bytes = VALID_CALL.getBytes(StandardCharsets.UTF_8);
        for (int edits = 1 + random.nextInt(8); edits > 0; edits--) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> {
                    bytes[at] = (byte) random.nextInt(256);
                    yield bytes;
                }
                case 1 -> splice(bytes, at, 0, new byte[] {"{}[]\",:\\0-e".getBytes()[random.nextInt(11)]});
                case 2 -> splice(bytes, at, Math.min(1 + random.nextInt(10), bytes.length - at), new byte[0]);
                default -> {
                    int length = Math.min(1 + random.nextInt(30), bytes.length - at);
                    byte[] chunk = new byte[length];
                    System.arraycopy(bytes, at, chunk, 0, length);
                    yield splice(bytes, at, 0, chunk);
                }
            };
        }
        return bytes;
    }

    /** The valid call with {@code field} set to {@code value} (a JSON text). */
    static String withField(String field, String value) {
        String call = VALID_CALL.substring(0, VALID_CALL.length() - 1);
        String regex = "\"" + field + "\": (\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}|\\[[^\\]]*\\]|\"[^\"]*\"|[^,}]+)";
        String replaced =
                call.replaceFirst(regex, "\"" + field + "\": " + java.util.regex.Matcher.quoteReplacement(value));
        return (replaced.equals(call) ? call + ", \"" + field + "\": " + value : replaced) + "}";
    }

    /** Nesting of {@code depth} arrays or objects, inside {@code args} or as the whole body. */
    static String nested(int depth, boolean objects, boolean insideArgs) {
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String value = open.repeat(depth) + "1" + close.repeat(depth);
        return insideArgs ? "{\"function\": \"echo\", \"args\": {\"deep\": " + value + "}}" : value;
    }

    /** The valid call with a string of {@code length} characters in {@code field}. */
    static String withHugeString(String field, int length) {
        return withField(field, quoted("x".repeat(length)));
    }

    /** The valid call with bytes that are not UTF-8 inside a string: lone continuation, overlong, surrogate, cut. */
    List<byte[]> invalidUtf8() {
        byte[][] bad = {
            {(byte) 0x80},
            {(byte) 0xC3, 0x28},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F},
            {(byte) 0xFE},
            {(byte) 0xFF, (byte) 0xFE, 0, 0x7B}
        };
        List<byte[]> bodies = new ArrayList<>();
        byte[] call = VALID_CALL.getBytes(StandardCharsets.UTF_8);
        for (byte[] junk : bad) {
            for (String inside : List.of("\"echo", "\"fuzz", "\"a,b", "\"text", "{")) {
                int at = VALID_CALL.indexOf(inside) + inside.length();
                bodies.add(splice(call, at, 0, junk));
            }
        }
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(6)];
            random.nextBytes(junk);
            junk[0] = (byte) (0x80 | junk[0]);
            bodies.add(splice(call, VALID_CALL.indexOf("fuzz"), 0, junk));
        }
        return bodies;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(10) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x5f);
            if (Character.isSurrogate((char) c)) {
                c = 'x';
            }
            text.append((char) c);
        }
        return text.toString();
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }
}
