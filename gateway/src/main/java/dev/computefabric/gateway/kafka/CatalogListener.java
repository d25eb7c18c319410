package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.gateway.calls.ViewSync;
import dev.computefabric.gateway.catalog.FunctionCatalogView;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Follows the compacted {@code fabric.functions} (what every node serves) and {@code fabric.executors} (which
 * nodes are alive, their free slots) from their beginning into the {@link FunctionCatalogView}. No consumer
 * group: every gateway reads every partition. {@link #start} returns once both topics are read to the end they
 * had, so a gateway that announces readiness already knows every function; {@link #catchUp} does the same on
 * demand, for a call about to be refused.
 */
public final class CatalogListener implements ViewSync, AutoCloseable {

    private final TopicFollower<FunctionCatalog> catalogs;
    private final TopicFollower<ExecutorStatus> presence;
    private final Admin admin;

    public CatalogListener(
            Consumer<String, FunctionCatalog> catalogConsumer,
            Consumer<String, ExecutorStatus> presenceConsumer,
            Admin admin,
            FunctionCatalogView view) {
        this.catalogs = new TopicFollower<>(
                catalogConsumer, Topics.FUNCTIONS, "function catalog", "gateway-catalog", (record, catalog) -> {
                    if (record.key() != null) {
                        view.onCatalog(record.key(), catalog);
                    }
                });
        this.presence = new TopicFollower<>(
                presenceConsumer, Topics.EXECUTORS, "executor presence", "gateway-presence", (record, status) -> {
                    if (record.key() != null) {
                        view.onPresence(record.key(), status);
                    }
                });
        this.admin = admin;
    }

    /**
     * Starts both followers from the beginning and waits until they have read what the topics held.
     *
     * @throws IllegalStateException a topic does not exist, or could not be read to its end within {@code timeout}
     */
    public void start(Duration timeout) {
        CompletableFuture<Void> both = CompletableFuture.allOf(
                catalogs.start(TopicFollower.StartAt.BEGINNING), presence.start(TopicFollower.StartAt.BEGINNING));
        try {
            both.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read " + Topics.FUNCTIONS + " and " + Topics.EXECUTORS
                    + " to their end within " + timeout + "; is Kafka reachable?");
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the function catalog failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the function catalog", e);
        }
    }

    @Override
    public CompletableFuture<Void> catchUp() {
        return CompletableFuture.allOf(catalogs.reachEnd(admin), presence.reachEnd(admin));
    }

    @Override
    public void close() {
        catalogs.close();
        presence.close();
    }
}
