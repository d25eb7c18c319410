package dev.computefabric.k8s;

import static dev.computefabric.k8s.Manifests.at;
import static dev.computefabric.k8s.Manifests.kind;
import static dev.computefabric.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.computefabric.observability.http.ObservabilityOptions;
import dev.computefabric.observability.http.ObservabilityServer;
import dev.computefabric.observability.metrics.MetricNames;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests as the cluster would get them ({@code kubectl kustomize}, the client side of
 * {@code kubectl apply -k}; a client-side dry run needs a cluster to ask for its API), and what the components need
 * of them. Without kubectl only the base's and the Kafka cluster's own files are checked, unrendered.
 */
class ManifestsTest {

    /** Kinds and the API versions that serve them; KEDA and Strimzi kinds are their operators' CRDs. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"),
            Map.entry("Service", "v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("StatefulSet", "apps/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("ScaledObject", "keda.sh/v1alpha1"),
            Map.entry("Kafka", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaNodePool", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"));

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    /** ExecutorMain waits this long past the drain timeout for the node to close (its CLOSE_MARGIN). */
    private static final Duration EXECUTOR_CLOSE_MARGIN = Duration.ofSeconds(20);

    private static final Pattern DRAIN = Pattern.compile("--drain-timeout=(\\d+)s");
    private static final Pattern QUEUE_QUERY = Pattern.compile("fabric_queue_calls\\{capset=\"([a-z0-9.-]+)\"}");

    /** Kustomization → its objects. */
    private static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() {
        var kubectl = Manifests.kubectl();
        if (kubectl.isPresent()) {
            Manifests.KUSTOMIZATIONS.forEach(k -> RENDERED.put(k, Manifests.render(kubectl.get(), k)));
        } else {
            RENDERED.put("base", Manifests.files("base"));
            RENDERED.put("kafka", Manifests.files("kafka"));
        }
    }

    @Test
    void everyKustomizationRendersWithKubectl() {
        assumeTrue(
                Manifests.kubectl().isPresent(),
                "kubectl is not on the PATH (Debian package kubectl): "
                        + "the overlays are not rendered, the base and the Kafka cluster are checked unrendered");
        assertThat(RENDERED.keySet()).containsExactlyElementsOf(Manifests.KUSTOMIZATIONS);
        RENDERED.forEach((k, objects) -> assertThat(objects).as(k).isNotEmpty());
        assertThat(kinds("overlays/prod"))
                .contains(
                        "Namespace",
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "Deployment",
                        "StatefulSet",
                        "HorizontalPodAutoscaler",
                        "ScaledObject",
                        "PodDisruptionBudget",
                        "Service");
    }

    @Test
    void everyObjectNamesAKindWithTheApiVersionThatServesIt() {
        forEachObject((k, object) -> {
            assertThat(API_VERSIONS).as("%s: unexpected kind", k).containsKey(kind(object));
            assertThat((String) at(object, "apiVersion"))
                    .as("%s %s", kind(object), name(object))
                    .isEqualTo(API_VERSIONS.get(kind(object)));
            assertThat(name(object)).as("%s %s has a name", k, kind(object)).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        });
    }

    @Test
    void everyWorkloadRunsAsNonRootWithResourcesAndProbesOnPortsItOpens() {
        forEachObject((k, workload) -> {
            if (!WORKLOADS.contains(kind(workload))) {
                return;
            }
            String what = k + " " + name(workload);
            Map<String, Object> selector = at(workload, "spec", "selector", "matchLabels");
            Map<String, Object> labels = at(workload, "spec", "template", "metadata", "labels");
            assertThat(labels)
                    .as("%s: its pods carry its selector's labels", what)
                    .containsAllEntriesOf(selector);
            assertThat((Boolean) at(workload, "spec", "template", "spec", "securityContext", "runAsNonRoot"))
                    .as("%s runs as non-root", what)
                    .isTrue();
            for (Map<String, Object> container : containers(workload)) {
                assertThat((String) at(container, "image")).as("%s image", what).isNotBlank();
                assertThat((Object) at(container, "resources", "requests", "memory"))
                        .as("%s memory", what)
                        .isNotNull();
                assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation"))
                        .as(what)
                        .isFalse();
                Set<String> ports = ports(container);
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    Object port = Objects.requireNonNullElse(
                            at(container, probe, "httpGet", "port"), at(container, probe, "tcpSocket", "port"));
                    assertThat(port).as("%s %s", what, probe).isNotNull();
                    assertThat(ports).as("%s %s port", what, probe).contains(String.valueOf(port));
                }
            }
        });
    }

    @Test
    void plainJavaComponentsAreProbedAndScrapedWhereTheyServe() {
        String port = String.valueOf(ObservabilityOptions.CONTAINER_PORT);
        forEachObject((k, workload) -> {
            String component = at(workload, "metadata", "labels", "app.kubernetes.io/component");
            if (!WORKLOADS.contains(kind(workload))
                    || !Set.of("executor", "router").contains(component)) {
                return;
            }
            Map<String, Object> container = containers(workload).get(0);
            String what = k + " " + name(workload);
            assertThat(env(container)).as(what).containsEntry("FABRIC_METRICS_PORT", port);
            assertThat((Object) at(container, "readinessProbe", "httpGet", "path"))
                    .as(what)
                    .isEqualTo(ObservabilityServer.READY_PATH);
            assertThat((Object) at(container, "livenessProbe", "httpGet", "path"))
                    .as(what)
                    .isEqualTo(ObservabilityServer.LIVE_PATH);
            assertThat((Object) at(workload, "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                    .as(what)
                    .isEqualTo(port);
            assertThat((Object) at(workload, "spec", "template", "metadata", "annotations", "prometheus.io/path"))
                    .as(what)
                    .isEqualTo(ObservabilityServer.METRICS_PATH);
        });
    }

    @Test
    void servicesBudgetsAndAutoscalersPointAtWorkloadsThatExist() {
        RENDERED.forEach((k, objects) -> {
            List<Map<String, Object>> workloads =
                    objects.stream().filter(o -> WORKLOADS.contains(kind(o))).toList();
            Set<String> workloadNames = workloads.stream().map(Manifests::name).collect(Collectors.toSet());
            for (Map<String, Object> object : objects) {
                String what = k + " " + kind(object) + " " + name(object);
                switch (kind(object)) {
                    case "Service" ->
                        assertThat(workloads)
                                .as("%s selects pods", what)
                                .anyMatch(w -> labelsOf(w)
                                        .entrySet()
                                        .containsAll(
                                                ((Map<String, Object>) at(object, "spec", "selector")).entrySet()));
                    case "PodDisruptionBudget" ->
                        assertThat(workloads)
                                .as("%s covers pods", what)
                                .anyMatch(w -> labelsOf(w)
                                        .entrySet()
                                        .containsAll(
                                                ((Map<String, Object>) at(object, "spec", "selector", "matchLabels"))
                                                        .entrySet()));
                    case "HorizontalPodAutoscaler" ->
                        assertThat(workloadNames).as(what).contains((String)
                                at(object, "spec", "scaleTargetRef", "name"));
                    case "ScaledObject" ->
                        assertThat(workloadNames).as(what).contains((String)
                                at(object, "spec", "scaleTargetRef", "name"));
                    default -> {}
                }
            }
        });
    }

    @Test
    void executorsAreGivenTheirWholeDrainBeforeTheyAreKilled() {
        forEachObject((k, workload) -> {
            if (!"executor".equals(at(workload, "metadata", "labels", "app.kubernetes.io/component"))) {
                return;
            }
            List<String> args = at(containers(workload).get(0), "args");
            Matcher drain = DRAIN.matcher(String.join(" ", args));
            assertThat(drain.find())
                    .as("%s %s sets --drain-timeout=<n>s", k, name(workload))
                    .isTrue();
            Duration needed = Duration.ofSeconds(Long.parseLong(drain.group(1))).plus(EXECUTOR_CLOSE_MARGIN);
            Integer grace = at(workload, "spec", "template", "spec", "terminationGracePeriodSeconds");
            assertThat(grace)
                    .as("%s %s terminationGracePeriodSeconds", k, name(workload))
                    .isNotNull();
            assertThat(Duration.ofSeconds(grace)).as("%s %s", k, name(workload)).isGreaterThan(needed);
        });
    }

    @Test
    void eachExecutorDeploymentScalesOnTheQueueOfItsOwnCapabilitySet() {
        forEachObject((k, scaled) -> {
            if (!"ScaledObject".equals(kind(scaled))) {
                return;
            }
            String target = at(scaled, "spec", "scaleTargetRef", "name");
            Map<String, Object> executor = RENDERED.get(k).stream()
                    .filter(o -> "Deployment".equals(kind(o)) && target.equals(name(o)))
                    .findFirst()
                    .orElseThrow();
            String capset = at(executor, "spec", "template", "metadata", "labels", "fabric.dev/capset");
            String query = at(scaled, "spec", "triggers", 0, "metadata", "query");
            Matcher queue = QUEUE_QUERY.matcher(query);
            assertThat(query).contains(MetricNames.prometheus(MetricNames.QUEUED_CALLS));
            assertThat(queue.find())
                    .as("%s %s queries one capability set: %s", k, target, query)
                    .isTrue();
            assertThat(queue.group(1)).as("%s %s", k, target).isEqualTo(capset);
            String capabilities = env(containers(executor).get(0)).get("FABRIC_CAPABILITIES");
            assertThat(Capset.of(capabilities.isBlank() ? List.of() : List.of(capabilities.split(",")))
                            .name())
                    .as("%s %s serves the capability set it scales on", k, target)
                    .isEqualTo(capset);
        });
    }

    @Test
    void theReferenceKafkaClusterHasEveryFabricTopic() {
        Map<String, Map<String, Object>> topics = RENDERED.get("kafka").stream()
                .filter(o -> "KafkaTopic".equals(kind(o)))
                .collect(Collectors.toMap(o -> at(o, "spec", "topicName"), o -> o));
        assertThat(topics)
                .containsKeys(
                        Topics.calls(Capset.of()),
                        Topics.EVENTS,
                        Topics.RESULTS,
                        Topics.STATUS,
                        Topics.EXECUTORS,
                        Topics.CONTROL,
                        Topics.CACHE_REQUESTS,
                        Topics.CACHE_ACCEPTED,
                        Topics.CACHE_COMPLETIONS,
                        Topics.PIPELINES,
                        Topics.PIPELINES_CONTROL,
                        Topics.PIPELINES_STEPS,
                        Topics.PIPELINES_STATUS,
                        Topics.DLQ);
        assertThat((Object) at(topics.get(Topics.EXECUTORS), "spec", "config", "cleanup.policy"))
                .isEqualTo("compact");
        for (String statuses : List.of(Topics.STATUS, Topics.PIPELINES_STATUS)) {
            assertThat((Object) at(topics.get(statuses), "spec", "config", "cleanup.policy"))
                    .as(statuses)
                    .isEqualTo("compact,delete");
            assertThat(String.valueOf((Object) at(topics.get(statuses), "spec", "config", "retention.ms")))
                    .as("%s: a week, as TopicProvisioner.STATUS_RETENTION", statuses)
                    .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
        // The router joins calls, events and results by call id: they must have the same partitions.
        Object partitions = at(topics.get(Topics.RESULTS), "spec", "partitions");
        for (String joined : List.of(Topics.calls(Capset.of()), Topics.EVENTS, Topics.CONTROL, Topics.CACHE_ACCEPTED)) {
            assertThat((Object) at(topics.get(joined), "spec", "partitions"))
                    .as(joined)
                    .isEqualTo(partitions);
        }
    }

    private static void forEachObject(java.util.function.BiConsumer<String, Map<String, Object>> check) {
        RENDERED.forEach((k, objects) -> objects.forEach(object -> check.accept(k, object)));
    }

    private static List<String> kinds(String kustomization) {
        return RENDERED.get(kustomization).stream().map(Manifests::kind).toList();
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return at(workload, "spec", "template", "spec", "containers");
    }

    private static Map<String, Object> labelsOf(Map<String, Object> workload) {
        return at(workload, "spec", "template", "metadata", "labels");
    }

    private static Set<String> ports(Map<String, Object> container) {
        List<Map<String, Object>> ports = Objects.requireNonNullElse(at(container, "ports"), List.of());
        Set<String> names = new java.util.HashSet<>();
        for (Map<String, Object> port : ports) {
            names.add(String.valueOf(port.get("name")));
            names.add(String.valueOf(port.get("containerPort")));
        }
        return names;
    }

    private static Map<String, String> env(Map<String, Object> container) {
        List<Map<String, Object>> env = Objects.requireNonNullElse(at(container, "env"), new ArrayList<>());
        Map<String, String> values = new LinkedHashMap<>();
        env.stream()
                .filter(e -> e.get("value") != null)
                .forEach(e -> values.put(String.valueOf(e.get("name")), String.valueOf(e.get("value"))));
        return values;
    }
}
