package dev.computefabric.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void joiningGivesTheValue() {
        assertThat(Futures.join(CompletableFuture.supplyAsync(() -> "done"))).isEqualTo("done");
    }

    @Test
    void joiningFailedWorkThrowsWhatTheWorkThrew() {
        IllegalStateException thrown = new IllegalStateException("port taken");
        CompletableFuture<String> work = CompletableFuture.supplyAsync(() -> {
            throw thrown;
        });

        assertThatThrownBy(() -> Futures.join(work)).isSameAs(thrown);
    }

    @Test
    void aCheckedExceptionStaysWrapped() {
        IOException thrown = new IOException("disk full");

        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(thrown)))
                .isInstanceOf(CompletionException.class)
                .hasCause(thrown);
    }

    @Test
    void anErrorStaysWrappedSoACallersCleanUpForRuntimeExceptionsStillRuns() {
        StackOverflowError thrown = new StackOverflowError("deep");

        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(thrown)))
                .isInstanceOf(CompletionException.class)
                .hasCause(thrown);
    }
}
