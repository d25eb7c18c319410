package dev.computefabric.executor.run;

import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.executor.function.CallException;
import dev.computefabric.executor.function.ErrorKind;
import dev.computefabric.executor.table.MalformedTableException;
import dev.computefabric.tables.TableIntegrityException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What a function threw, as its caller sees it (an {@link ErrorInfo}), and whether it was an interrupt instead. */
public final class FunctionErrors {

    private FunctionErrors() {}

    public static ErrorInfo errorInfo(Throwable thrown) {
        if (thrown instanceof CallException e) {
            return Results.error(e.kind(), e.getMessage(), e.retryable());
        }
        if (thrown instanceof UncheckedIOException e) {
            return errorInfo(e.getCause());
        }
        if (thrown instanceof MalformedTableException || thrown instanceof TableIntegrityException) {
            return of(ErrorKind.BAD_TABLE, thrown.getMessage());
        }
        if (thrown instanceof IOException) {
            return of(ErrorKind.IO_ERROR, thrown.toString());
        }
        // A bug in the function: the class name matters as much as the message.
        return of(ErrorKind.INTERNAL, thrown.toString());
    }

    /** Whether {@code thrown} means the worker was interrupted, rather than that the call failed. */
    public static boolean isInterruption(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            // Not InterruptedIOException: SocketTimeoutException is one, and a timeout is no interrupt.
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static ErrorInfo of(ErrorKind kind, String message) {
        return Results.error(kind, message, kind.retryable());
    }
}
