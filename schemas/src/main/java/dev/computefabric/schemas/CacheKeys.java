package dev.computefabric.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result cache's key: what makes two calls the same question. SHA-256 over the function name, the
 * arguments as canonical JSON (properties sorted at every level, no whitespace), and each input table's
 * name, format and content hash, so {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} share a result, and a
 * table sent inline and the same bytes uploaded to S3 do too. A table cut to one chunk (a map step's call) names its
 * chunk too. The gateway keys the calls it accepts, the router the calls of pipeline steps: the same question asked
 * either way has one answer.
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
        new TreeMap<>(tables).forEach((name, table) -> line(digest, tableLine(name, table)));
        return Sha256.hex(digest);
    }

    /** {@code json} re-written with sorted properties and no insignificant whitespace. */
    static String canonicalJson(String json) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String tableLine(String name, Table table) {
        String line = name + '\t' + table.getFormat() + '\t' + contentHash(table);
        TableChunk chunk = table.getChunk();
        // Only a chunk adds to the line, so the key of a whole table stays what it was before chunks existed.
        return chunk == null ? line : line + "\tchunk " + chunk.getIndex() + '/' + chunk.getCount();
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
