package dev.computefabric.gateway;

import dev.computefabric.gateway.calls.Caching;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.calls.HeapBudget;
import dev.computefabric.gateway.calls.RecentCalls;
import dev.computefabric.gateway.catalog.FunctionCatalogView;
import dev.computefabric.schemas.Topics;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.Tables;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings, under {@code fabric.*}. Every setting has a default, so a bare start works against
 * the embedded stack's usual addresses; environment variables bind too ({@code FABRIC_BOOTSTRAP},
 * {@code FABRIC_REGISTRY}, {@code FABRIC_S3_ENDPOINT}, {@code FABRIC_GATEWAYID}, {@code FABRIC_MAXWAIT}).
 *
 * @param bootstrap              Kafka bootstrap servers
 * @param registry               schema registry URL
 * @param s3                     table storage
 * @param gatewayId              names this gateway's reply topic {@code fabric.replies.<gatewayId>}
 * @param inlineLimitBytes       tables up to this size travel inside the call; larger ones go to S3
 * @param maxWait                longest a request may wait for a result; longer waits are cut to this
 * @param recentCallsMaxEntries  how many accepted calls the gateway remembers for {@code GET /v1/calls/{id}}
 * @param recentCallsMaxBytes    memory budget of the remembered calls, and of the statuses of the fabric's calls
 *                               (default: an eighth of the heap, at most 64 MiB; {@link HeapBudget})
 * @param maxRequestBytes        largest {@code POST /v1/calls} body accepted (tables arrive inline in it)
 * @param cache                  the result cache: {@code fabric.cache.ttl} (default 10m) for calls that ask with
 *                               {@code "cache": true}, and {@code fabric.cache.by-default} (default false)
 * @param catalog                the function catalog calls are checked against: {@code fabric.catalog.enforce}
 *                               (default true) and its timings
 */
@ConfigurationProperties("fabric")
public record GatewayProperties(
        String bootstrap,
        String registry,
        S3 s3,
        String gatewayId,
        Integer inlineLimitBytes,
        Duration maxWait,
        Integer recentCallsMaxEntries,
        Long recentCallsMaxBytes,
        Integer maxRequestBytes,
        Cache cache,
        Catalog catalog) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    public static final int GENERATED_ID_LENGTH = 8;

    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public GatewayProperties {
        bootstrap = orDefault(bootstrap, DEFAULT_BOOTSTRAP);
        registry = httpUrl("fabric.registry", orDefault(registry, DEFAULT_REGISTRY));
        s3 = s3 == null ? new S3(null, null, null, null, null) : s3;
        gatewayId = orDefault(gatewayId, "gw-" + UUID.randomUUID().toString().substring(0, GENERATED_ID_LENGTH));
        if (!GATEWAY_ID.matcher(gatewayId).matches()) {
            throw new IllegalArgumentException("fabric.gateway-id must match [A-Za-z0-9._-]+ (it names the topic "
                    + Topics.REPLIES_PREFIX + "<gateway-id>), got: '" + gatewayId + "'");
        }
        inlineLimitBytes = inlineLimitBytes == null ? Tables.DEFAULT_INLINE_LIMIT_BYTES : inlineLimitBytes;
        if (inlineLimitBytes < 0) {
            throw new IllegalArgumentException("fabric.inline-limit-bytes must be >= 0, got " + inlineLimitBytes);
        }
        maxWait = maxWait == null ? DEFAULT_MAX_WAIT : maxWait;
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("fabric.max-wait must be positive, e.g. 60s, got " + maxWait);
        }
        recentCallsMaxEntries = recentCallsMaxEntries == null ? RecentCalls.DEFAULT_MAX_ENTRIES : recentCallsMaxEntries;
        if (recentCallsMaxEntries < 1) {
            throw new IllegalArgumentException(
                    "fabric.recent-calls-max-entries must be >= 1, got " + recentCallsMaxEntries);
        }
        recentCallsMaxBytes = recentCallsMaxBytes == null ? HeapBudget.perView() : recentCallsMaxBytes;
        if (recentCallsMaxBytes < 1024 * 1024) {
            throw new IllegalArgumentException(
                    "fabric.recent-calls-max-bytes must be at least 1 MiB, got " + recentCallsMaxBytes);
        }
        maxRequestBytes = maxRequestBytes == null ? CallRequestParser.DEFAULT_MAX_BODY_BYTES : maxRequestBytes;
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException(
                    "fabric.max-request-bytes must be at least 1024, got " + maxRequestBytes);
        }
        cache = cache == null ? new Cache(null, null) : cache;
        catalog = catalog == null ? new Catalog(null, null, null, null) : catalog;
    }

    /** Settings with every default: what a bare start uses. */
    public static GatewayProperties defaults() {
        return new GatewayProperties(null, null, null, null, null, null, null, null, null, null, null);
    }

    public String replyTopic() {
        return Topics.replies(gatewayId);
    }

    /**
     * Which calls go through the router's result cache. Off unless a call asks: caching a function with side
     * effects by default would silently skip them.
     */
    public record Cache(Duration ttl, Boolean byDefault) {

        public Cache {
            ttl = ttl == null ? Caching.Policy.DEFAULT_TTL : ttl;
            byDefault = byDefault != null && byDefault;
            if (ttl.compareTo(CallRequestParser.MAX_CACHE_TTL) > 0) {
                throw new IllegalArgumentException("fabric.cache.ttl must be at most "
                        + CallRequestParser.MAX_CACHE_TTL.toHours() + "h, got " + ttl);
            }
        }

        public Caching.Policy policy() {
            return new Caching.Policy(ttl, byDefault);
        }
    }

    /**
     * The function catalog ({@code fabric.functions}) that calls are checked against before they are queued.
     *
     * @param enforce        refuse calls to functions no node has offered ({@code 404 function_not_found}); off for
     *                       fabrics whose executors publish no catalog: such calls are then queued unchecked, while
     *                       calls to known functions are still checked
     * @param nodeStaleAfter a node whose last presence on {@code fabric.executors} is older is not live
     * @param syncTimeout    how long a call about to be refused waits for this gateway to read the catalog to its end
     * @param startupTimeout how long the gateway may take to read the catalog before it serves
     */
    public record Catalog(Boolean enforce, Duration nodeStaleAfter, Duration syncTimeout, Duration startupTimeout) {

        public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

        public Catalog {
            enforce = enforce == null || enforce;
            nodeStaleAfter = positive(
                    "fabric.catalog.node-stale-after", nodeStaleAfter, FunctionCatalogView.DEFAULT_STALE_AFTER);
            syncTimeout = positive("fabric.catalog.sync-timeout", syncTimeout, FunctionChecks.DEFAULT_SYNC_TIMEOUT);
            startupTimeout = positive("fabric.catalog.startup-timeout", startupTimeout, DEFAULT_STARTUP_TIMEOUT);
        }

        private static Duration positive(String name, Duration value, Duration fallback) {
            Duration d = value == null ? fallback : value;
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(
                        name + " must be positive, e.g. " + fallback.toSeconds() + "s, got " + d);
            }
            return d;
        }
    }

    /**
     * S3-compatible table storage; bucket and credentials default to the embedded stack's.
     *
     * @param endpoint e.g. {@code http://127.0.0.1:9000}
     */
    public record S3(String endpoint, String bucket, String accessKey, String secretKey, String region) {

        public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";

        public S3 {
            endpoint = httpUrl("fabric.s3.endpoint", orDefault(endpoint, DEFAULT_ENDPOINT));
            bucket = orDefault(bucket, S3Settings.DEFAULT_BUCKET);
            accessKey = orDefault(accessKey, S3Settings.DEFAULT_ACCESS_KEY);
            secretKey = orDefault(secretKey, S3Settings.DEFAULT_SECRET_KEY);
            region = orDefault(region, S3Settings.DEFAULT_REGION);
        }

        public S3Settings settings() {
            return new S3Settings(URI.create(endpoint), bucket, accessKey, secretKey, region);
        }

        /** Without the secret key, for logs. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + accessKey + ", region=" + region
                    + "]";
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String httpUrl(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " must be an http(s) URL such as http://127.0.0.1:8081, got: '" + value + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    name + " must be an http(s) URL such as http://127.0.0.1:8081, got: '" + value + "'");
        }
        return value;
    }
}
