package dev.computefabric.infra.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScramUsersTest {

    @TempDir
    Path dir;

    @Test
    void eachUserBecomesOneAddScramArgumentOfTheStorageTool() throws Exception {
        Path file = Files.writeString(dir.resolve("users.properties"), "router=r1\nadmin=a1\n");

        assertThat(ScramUsers.load(file).formatArguments())
                .containsExactly(
                        "--add-scram",
                        "SCRAM-SHA-512=[name=admin,password=a1]",
                        "--add-scram",
                        "SCRAM-SHA-512=[name=router,password=r1]");
        assertThat(ScramUsers.load(file).toString()).doesNotContain("a1", "r1");
    }

    @Test
    void scramUsersAreOnlyReadWhenFormatting() {
        assertThatThrownBy(() -> BrokerMain.BrokerArgs.parse(new String[] {"--scram-users", "u.properties", "s.p"}))
                .hasMessageContaining("--format-cluster-id");
        assertThat(BrokerMain.BrokerArgs.parse(
                                new String[] {"--format-cluster-id", "id", "--scram-users", "u.properties", "s.p"})
                        .scramUsers())
                .contains(Path.of("u.properties"));
    }
}
