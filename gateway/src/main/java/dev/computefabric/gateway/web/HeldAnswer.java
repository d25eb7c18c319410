package dev.computefabric.gateway.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/**
 * One request's answer, held until both its future settled and the request's first pass ended ({@link DirectAnswers}),
 * then written once and completed. Whichever comes last writes it: the first pass on its own container thread, a
 * future on a container thread it starts (never the Kafka client thread that completed it, which a slow client must
 * not hold up). The future, the async timeout and a connection error race to settle it; the first wins.
 */
final class HeldAnswer implements AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(HeldAnswer.class);

    private final AsyncContext async;
    private final BiConsumer<Object, Throwable> writer;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** The first pass and the answer. */
    private final AtomicInteger awaiting = new AtomicInteger(2);

    private Object value;
    private Throwable error;

    HeldAnswer(AsyncContext async, BiConsumer<Object, Throwable> writer) {
        this.async = async;
        this.writer = writer;
    }

    void firstPassEnded() {
        if (awaiting.decrementAndGet() == 0) {
            answer();
        }
    }

    /** The future completed: with a value, or with {@code error}. */
    void settle(Object value, Throwable error) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        this.value = value;
        this.error = error;
        // The decrement publishes value and error to the thread that reads them.
        if (awaiting.decrementAndGet() == 0) {
            try {
                async.start(this::answer);
            } catch (IllegalStateException e) {
                log.debug("the request ended before its answer: {}", e.getMessage());
            }
        }
    }

    /** Only after the first pass: Tomcat starts the timeout when it ends. */
    @Override
    public void onTimeout(AsyncEvent event) {
        if (settled.compareAndSet(false, true)) {
            error = new AsyncRequestTimeoutException();
            answer();
        }
    }

    /** The connection failed (the client went away): nobody to answer. */
    @Override
    public void onError(AsyncEvent event) {
        if (settled.compareAndSet(false, true)) {
            complete();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void answer() {
        try {
            writer.accept(value, error);
        } finally {
            complete();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            log.debug("the request had ended already: {}", e.getMessage());
        }
    }
}
