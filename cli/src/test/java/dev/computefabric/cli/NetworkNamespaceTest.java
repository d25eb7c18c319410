package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bookkeeping of {@link NetworkNamespace}, without making namespaces (that needs root: see the IT). */
class NetworkNamespaceTest {

    private static final String ADDR_SHOW = """
            1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
            4: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever
            56: cfab77h1    inet 10.231.0.1/30 scope global cfab77h1\\       valid_lft forever
            57: cfab77h2    inet 10.231.1.5/30 scope global cfab77h2\\       valid_lft forever
            """;

    @Test
    void eachSubnetIsAQuarterOfTheAddressesAndTheHostEndIsDotOne() {
        assertThat(NetworkNamespace.address(0, 1)).isEqualTo("10.231.0.1");
        assertThat(NetworkNamespace.address(0, 2)).isEqualTo("10.231.0.2");
        assertThat(NetworkNamespace.address(65, 1)).isEqualTo("10.231.1.5");
        assertThat(NetworkNamespace.address(NetworkNamespace.POOL_SUBNETS - 1, 2))
                .isEqualTo("10.231.255.254");
    }

    @Test
    void subnetsWithAnAddressOnAnyInterfaceAreTakenAndThePickSkipsThem() {
        Set<Integer> used = NetworkNamespace.usedSubnets(ADDR_SHOW);

        assertThat(used).containsExactlyInAnyOrder(0, 65);
        assertThat(NetworkNamespace.freeSubnet(used, 0)).isEqualTo(1);
        assertThat(NetworkNamespace.freeSubnet(used, 65)).isEqualTo(66);
        assertThat(NetworkNamespace.freeSubnet(
                        Set.of(NetworkNamespace.POOL_SUBNETS - 1), NetworkNamespace.POOL_SUBNETS - 1))
                .as("wraps around")
                .isZero();
    }

    @Test
    void onlyNamesOfAJvmThatIsGoneAreLeftovers() {
        long self = ProcessHandle.current().pid();
        long gone = Long.MAX_VALUE / 2;

        assertThat(NetworkNamespace.ownedByADeadProcess("cfab-" + gone + "-1")).isTrue();
        assertThat(NetworkNamespace.ownedByADeadProcess("cfab" + gone + "h3")).isTrue();
        assertThat(NetworkNamespace.ownedByADeadProcess("cfab-" + self + "-1")).isFalse();
        assertThat(NetworkNamespace.ownedByADeadProcess("netns-874a146b-7836-d089-bb13-68d3b31e1dd1"))
                .isFalse();
        assertThat(NetworkNamespace.ownedByADeadProcess("eth0")).isFalse();
    }

    @Test
    void linkNamesLoseTheirPeerSuffix() {
        String linkShow = """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT
                56: cfab77h1@if55: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
                """;

        assertThat(NetworkNamespace.linkNames(linkShow)).containsExactly("lo", "cfab77h1");
    }
}
