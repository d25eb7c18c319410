package dev.computefabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the ITs of this run saw, across test classes: one shared fabric, a tag and a node of its own per test. */
final class RunWide {

    private static final Set<String> BOOTSTRAPS = ConcurrentHashMap.newKeySet();
    private static final Set<String> GATEWAYS = ConcurrentHashMap.newKeySet();
    private static final Set<String> TAGS = ConcurrentHashMap.newKeySet();

    private RunWide() {}

    /** Every test of every class so far got the same fabric, started once, and a tag no other test had. */
    static void assertSharedFabricAndOwnTag(FabricTestInfo info) {
        BOOTSTRAPS.add(info.bootstrap());
        GATEWAYS.add(info.gatewayUrl());

        assertThat(SharedFabric.starts()).as("shared fabric starts in this JVM").isEqualTo(1);
        assertThat(BOOTSTRAPS).as("brokers the tests saw").containsExactly(info.bootstrap());
        assertThat(GATEWAYS).as("gateways the tests saw").containsExactly(info.gatewayUrl());
        assertThat(TAGS.add(info.tag())).as("tag %s is new", info.tag()).isTrue();
        assertThat(info.nodeId()).endsWith(info.tag());
    }
}
