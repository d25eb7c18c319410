package dev.computefabric.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named after their job, so a thread dump says who is who and none keeps the JVM alive
 * after shutdown (a function that ignores interrupts, a consumer stuck in a poll).
 */
public final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();

    private NamedThreads(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static NamedThreads numbered(String prefix) {
        return new NamedThreads(prefix, true);
    }

    /** Threads all named {@code name}: for a factory that makes one thread. */
    public static NamedThreads named(String name) {
        return new NamedThreads(name, false);
    }

    /** Starts one daemon thread named {@code name} that runs {@code task}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = named(name).newThread(task);
        thread.start();
        return thread;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, numbered ? prefix + "-" + count.incrementAndGet() : prefix);
        thread.setDaemon(true);
        return thread;
    }
}
