package dev.computefabric.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The fabric a benchmark measures: the bench's own embedded one, or a running one.
 *
 * @param gatewayUrl  the gateway's base URL
 * @param bootstrap   its Kafka, where the floor runs too
 * @param registryUrl its schema registry (Kafka path); null if unknown
 * @param replyTopic  the gateway's reply topic (hop tracing over HTTP); null if unknown
 * @param s3          its S3 (the table floor); null if unknown
 * @param nodes       its executors, where known (empty for a running fabric)
 * @param capacity    its slots in full-speed slots, for the ideal makespan of sleep and skew
 * @param heapMaxMb   {@code -Xmx} per component, where known
 * @param pids        process id per component (the bench's own fabric), for CPU per call
 */
record Target(
        String gatewayUrl,
        String bootstrap,
        String registryUrl,
        String replyTopic,
        S3 s3,
        List<Node> nodes,
        double capacity,
        Map<String, Integer> heapMaxMb,
        Map<String, Long> pids) {

    /** Where and how to reach S3. */
    record S3(URI endpoint, String bucket, String accessKey, String secretKey) {}

    Target {
        nodes = List.copyOf(nodes);
        heapMaxMb = Map.copyOf(heapMaxMb);
        pids = Map.copyOf(pids);
    }
}
