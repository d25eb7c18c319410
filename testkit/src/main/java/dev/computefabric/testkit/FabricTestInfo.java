package dev.computefabric.testkit;

/**
 * Where the fabric of the current test runs, and what keeps the test's calls apart: its capability tag and the node
 * that serves it. For clients of your own (a foreign Kafka client, plain HTTP): require {@link #tag()} in every call.
 *
 * @param tag         the capability tag only this test's node has; the injected clients require it in every call
 * @param nodeId      the id of this test's node: {@code executorId} of every call it ran
 * @param gatewayUrl  the gateway's base URL, e.g. {@code http://127.0.0.1:41235}
 * @param bootstrap   Kafka's bootstrap servers
 * @param registryUrl the schema registry's base URL
 * @param s3Endpoint  the S3 endpoint of table storage (path-style, bucket {@code s3Bucket})
 * @param s3Bucket    the bucket of table storage
 */
public record FabricTestInfo(
        String tag,
        String nodeId,
        String gatewayUrl,
        String bootstrap,
        String registryUrl,
        String s3Endpoint,
        String s3Bucket) {}
