package dev.computefabric.gateway.calls;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableRef;
import dev.computefabric.tables.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result cache's key: what makes two calls the same question. SHA-256 over the function name, the
 * arguments as canonical JSON (properties sorted at every level, no whitespace), and each input table's
 * name, format and content hash, so {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} share a result, and a
 * table sent inline and the same bytes uploaded to S3 do too.
 *
 * <p>Functions carry no version of their own yet: deploying a changed function under the same name keeps
 * serving results of the old one until their TTL runs out. Rename it (or wait out the TTL) to change it.
 */
public final class CacheKeys {

    /** Bumped when the recipe changes, so old entries can never answer new keys. */
    static final String RECIPE = "fabric-cache-key-v1";

    private static final JsonMapper CANONICAL =
            JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private CacheKeys() {}

    /** Hex SHA-256 of the call's function, canonical {@code argsJson} (a JSON object) and input {@code tables}. */
    public static String of(String function, String argsJson, Map<String, Table> tables) {
        MessageDigest digest = Sha256.digest();
        line(digest, RECIPE);
        line(digest, function);
        line(digest, canonicalJson(argsJson));
        new TreeMap<>(tables)
                .forEach((name, table) -> line(digest, name + '\t' + table.getFormat() + '\t' + contentHash(table)));
        return Sha256.hex(digest);
    }

    /** {@code json} re-written with sorted properties and no insignificant whitespace. */
    static String canonicalJson(String json) {
        return CANONICAL.writeValueAsString(CANONICAL.readTree(json));
    }

    private static String contentHash(Table table) {
        Object data = table.getData();
        if (data instanceof TableRef ref) {
            return ref.getSha256();
        }
        MessageDigest digest = Sha256.digest();
        digest.update(((ByteBuffer) data).duplicate());
        return Sha256.hex(digest);
    }

    private static void line(MessageDigest digest, String text) {
        // Length-prefixed, so no choice of names or values can make two different calls hash the same input.
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
