package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import jakarta.servlet.AsyncContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/** When a held request is answered, on which thread, and that it is answered once. */
class HeldAnswerTest {

    private final AsyncContext async = mock(AsyncContext.class);
    private final List<String> written = new ArrayList<>();
    private final List<Runnable> containerThreads = new ArrayList<>();
    private final HeldAnswer held = new HeldAnswer(async, (value, error) -> {
        written.add(
                error == null ? "value " + value : "error " + error.getClass().getSimpleName());
    });

    HeldAnswerTest() {
        doAnswer(invocation -> containerThreads.add(invocation.getArgument(0)))
                .when(async)
                .start(any());
    }

    @Test
    void anAnswerReadyBeforeTheFirstPassEndedIsWrittenWhenItEndsOnItsThread() {
        held.settle("done", null);
        assertThat(written).isEmpty();

        held.firstPassEnded();

        assertThat(written).containsExactly("value done");
        assertThat(containerThreads).isEmpty();
        verify(async).complete();
    }

    @Test
    void anAnswerArrivingLaterIsWrittenOnAContainerThreadNotOnTheThreadThatCompletedIt() {
        held.firstPassEnded();

        held.settle("done", null);

        assertThat(written).isEmpty();
        assertThat(containerThreads).hasSize(1);
        containerThreads.get(0).run();
        assertThat(written).containsExactly("value done");
        verify(async).complete();
    }

    @Test
    void aFailedFutureIsWrittenAsItsError() {
        held.firstPassEnded();
        held.settle(null, new IllegalStateException("no"));
        containerThreads.forEach(Runnable::run);

        assertThat(written).containsExactly("error IllegalStateException");
    }

    @Test
    void theTimeoutAnswersOnceAndAFutureCompletingAfterItIsIgnored() {
        held.firstPassEnded();

        held.onTimeout(null);
        held.settle("late", null);

        assertThat(written).containsExactly("error " + AsyncRequestTimeoutException.class.getSimpleName());
        assertThat(containerThreads).isEmpty();
        verify(async, times(1)).complete();
    }

    @Test
    void aClientThatWentAwayGetsNothingWrittenAndTheRequestCompletes() {
        held.firstPassEnded();

        held.onError(null);
        held.settle("late", null);

        assertThat(written).isEmpty();
        assertThat(containerThreads).isEmpty();
        verify(async).complete();
    }

    @Test
    void aRequestThatEndedBeforeItsAnswerIsLeftAlone() {
        doThrow(new IllegalStateException("request recycled")).when(async).start(any());
        held.firstPassEnded();

        held.settle("done", null);

        assertThat(written).isEmpty();
        verify(async, never()).complete();
    }
}
