package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.calls.CallTestData.accepted;
import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.RecentCalls.Completion;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentCallsTest {

    @Test
    void aRememberedCallIsFoundAcceptedThenWithItsResult() {
        RecentCalls recent = new RecentCalls(10, 1 << 20);
        recent.remember(accepted("c1"));

        assertThat(recent.find("c1"))
                .hasValueSatisfying(call -> assertThat(call.state()).isEqualTo(CallState.ACCEPTED));

        assertThat(recent.complete(finished("c1", "{\"ok\":true}"))).isEqualTo(Completion.RECORDED);
        assertThat(recent.find("c1")).hasValueSatisfying(call -> {
            assertThat(call.state()).isEqualTo(CallState.FINISHED);
            assertThat(call.executorId()).isEqualTo("executor-1");
            assertThat(call.result().getOutput()).isEqualTo("{\"ok\":true}");
        });
    }

    @Test
    void aTerminalCallKeepsItsFirstResult() {
        RecentCalls recent = new RecentCalls(10, 1 << 20);
        recent.remember(accepted("c1"));
        recent.complete(finished("c1", "1"));

        assertThat(recent.complete(finished("c1", "2"))).isEqualTo(Completion.DUPLICATE);
        assertThat(recent.find("c1").orElseThrow().result().getOutput()).isEqualTo("1");
    }

    @Test
    void anEndReadFromTheStatusFirstIsSeenAtOnceAndHandedOnOnceByItsReply() {
        RecentCalls recent = new RecentCalls(10, 1 << 20);
        recent.remember(accepted("c1"));

        recent.learnEnd(finished("c1", "1"));

        assertThat(recent.find("c1").orElseThrow().state()).isEqualTo(CallState.FINISHED);
        assertThat(recent.complete(finished("c1", "1"))).isEqualTo(Completion.RECORDED);
        assertThat(recent.complete(finished("c1", "1"))).isEqualTo(Completion.DUPLICATE);
    }

    @Test
    void aResultForAnUnknownCallIsNotRecorded() {
        RecentCalls recent = new RecentCalls(10, 1 << 20);

        assertThat(recent.complete(finished("nobody", "{}"))).isEqualTo(Completion.UNKNOWN);
        assertThat(recent.find("nobody")).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedCallIsForgottenBeyondTheCount() {
        RecentCalls recent = new RecentCalls(2, 1 << 20);
        recent.remember(accepted("c1"));
        recent.remember(accepted("c2"));
        recent.find("c1");
        recent.remember(accepted("c3"));

        assertThat(recent.find("c1")).isPresent();
        assertThat(recent.find("c2")).isEmpty();
        assertThat(recent.find("c3")).isPresent();
        assertThat(recent.size()).isEqualTo(2);
    }

    @Test
    void callsAreForgottenWhenTheirResultsExceedTheByteBudget() {
        RecentCalls recent = new RecentCalls(100, 10_000);
        recent.remember(accepted("c1"));
        recent.remember(accepted("c2"));
        Table big = Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(ByteBuffer.wrap(new byte[9_000]))
                .build();

        recent.complete(finished("c2", "{}", Map.of("out", big)));

        assertThat(recent.find("c1")).isEmpty();
        assertThat(recent.find("c2")).isPresent();
        assertThat(recent.bytes()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void theNewestCallStaysEvenAboveTheByteBudget() {
        RecentCalls recent = new RecentCalls(100, 1_000);
        recent.remember(accepted("c1"));
        Table big = Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(ByteBuffer.wrap(new byte[5_000]))
                .build();

        recent.complete(finished("c1", "{}", Map.of("out", big)));

        assertThat(recent.find("c1")).isPresent();
    }

    @Test
    void aForgottenCallReleasesItsBytes() {
        RecentCalls recent = new RecentCalls(10, 1 << 20);
        recent.remember(accepted("c1"));

        recent.forget("c1");

        assertThat(recent.find("c1")).isEmpty();
        assertThat(recent.bytes()).isZero();
    }
}
