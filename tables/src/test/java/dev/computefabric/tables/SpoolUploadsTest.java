package dev.computefabric.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed multipart upload is aborted only once none of its other parts is still going up. */
class SpoolUploadsTest {

    private final ExecutorService parts = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        parts.shutdownNow();
    }

    @Test
    void settlingWaitsForAPartStillUploadingEvenWhenInterrupted() throws Exception {
        CountDownLatch partMayEnd = new CountDownLatch(1);
        CountDownLatch partStarted = new CountDownLatch(1);
        AtomicBoolean settledFirst = new AtomicBoolean();
        AtomicBoolean settled = new AtomicBoolean();
        Future<?> part = parts.submit(() -> {
            partStarted.countDown();
            partMayEnd.await();
            settledFirst.set(settled.get());
            return null;
        });
        Future<?> failed = parts.submit(() -> {
            throw new IllegalStateException("this part's upload failed");
        });
        partStarted.await();
        Thread settler = new Thread(() -> {
            SpoolUploads.settle(List.of(failed, part));
            settled.set(true);
        });
        settler.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> settler.getState() == Thread.State.WAITING);

        settler.interrupt();
        await().atMost(Duration.ofSeconds(30)).until(() -> settler.getState() == Thread.State.WAITING);
        partMayEnd.countDown();
        settler.join(Duration.ofSeconds(30).toMillis());

        assertThat(settler.isAlive()).isFalse();
        assertThat(settled).as("settled").isTrue();
        assertThat(settledFirst)
                .as("settled while the part was still uploading")
                .isFalse();
    }
}
