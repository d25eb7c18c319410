package dev.computefabric.bench;

import dev.computefabric.common.NamedThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The floor's compute: one thread per slot of the same nodes the fabric runs (a slow node's threads sleep
 * longer by its slowdown), all taking work from one queue in this JVM. That is ideal balancing with no
 * dispatch cost, so the sleep and skew floors show what the same slots could do at best over plain Kafka.
 */
final class FloorWorkers implements AutoCloseable {

    /** One piece of work: hold a slot for {@code ms} (times the slot's slowdown), then run {@code then}. */
    private record Work(long ms, Runnable then) {}

    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    FloorWorkers(List<Node> nodes) {
        for (Node node : nodes) {
            for (int slot = 0; slot < node.slots(); slot++) {
                threads.add(NamedThreads.start("floor-" + node.id() + "-" + slot, () -> work(node.slowdown())));
            }
        }
    }

    void submit(long ms, Runnable then) {
        queue.add(new Work(ms, then));
    }

    private void work(double slowdown) {
        try {
            while (true) {
                Work work = queue.take();
                TimeUnit.MILLISECONDS.sleep(Math.round(work.ms() * slowdown));
                work.then().run();
            }
        } catch (InterruptedException stopping) {
            // close()
        }
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
