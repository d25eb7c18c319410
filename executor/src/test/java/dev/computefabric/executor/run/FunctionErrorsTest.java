package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.table.MalformedTableException;
import dev.computefabric.tables.TableIntegrityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class FunctionErrorsTest {

    @Test
    void aCallExceptionKeepsItsKindAndMessage() {
        assertThat(FunctionErrors.errorInfo(new BadArgumentsException("x: \"ms\" is required")))
                .isEqualTo(error("BadArguments", "x: \"ms\" is required", false));
    }

    @Test
    void aMalformedOrCorruptTableIsABadTableAndNotRetryable() {
        assertThat(FunctionErrors.errorInfo(new MalformedTableException("line 3: ..."))
                        .getType())
                .isEqualTo("BadTable");
        assertThat(FunctionErrors.errorInfo(new TableIntegrityException("table s3://b/k is truncated")))
                .isEqualTo(error("BadTable", "table s3://b/k is truncated", false));
    }

    @Test
    void otherIoFailuresAreRetryable() {
        ErrorInfo error = FunctionErrors.errorInfo(new UncheckedIOException(new IOException("connection reset")));

        assertThat(error.getType()).isEqualTo("IoError");
        assertThat(error.getRetryable()).isTrue();
    }

    @Test
    void anythingElseIsAnInternalErrorNamingTheExceptionClass() {
        assertThat(FunctionErrors.errorInfo(new NullPointerException("x is null")))
                .isEqualTo(error("InternalError", "java.lang.NullPointerException: x is null", false));
    }

    @Test
    void aSocketTimeoutIsAFailureNotAnInterruption() {
        assertThat(FunctionErrors.isInterruption(new SocketTimeoutException("read timed out")))
                .isFalse();
        assertThat(FunctionErrors.isInterruption(new RuntimeException(new InterruptedException())))
                .isTrue();
    }

    private static ErrorInfo error(String type, String message, boolean retryable) {
        return ErrorInfo.newBuilder()
                .setType(type)
                .setMessage(message)
                .setRetryable(retryable)
                .build();
    }
}
