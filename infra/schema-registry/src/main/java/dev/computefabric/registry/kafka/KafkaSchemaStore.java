package dev.computefabric.registry.kafka;

import dev.computefabric.registry.CompatibilityLevel;
import dev.computefabric.registry.InMemorySchemaStore;
import dev.computefabric.registry.SchemaStore;
import dev.computefabric.registry.SchemaStoreException;
import dev.computefabric.registry.SchemaVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * A {@link SchemaStore} in a compacted, single-partition Kafka topic, materialised in this JVM.
 *
 * <p><b>Several instances, one truth.</b> Every registry instance writes with the same
 * {@code transactional.id}. A write runs {@link #write}: (1) make sure this instance's producer holds the
 * newest producer epoch — initialising a producer fences every other instance's producer and aborts its
 * open transaction; (2) read the topic to its end; (3) let the registry decide (next id, next version,
 * compatibility) on that view; (4) commit the decision's records in one transaction. Another instance can
 * only commit after initialising its own producer, which fences ours, so if our commit succeeds nobody
 * wrote between (2) and (4); if it fails as fenced, we start again from (1). Ids and versions are
 * therefore never handed out twice, and every instance replays the same log to the same state.
 *
 * <p>A write returns once this instance read its own records back, so its next decision includes them.
 *
 * <p><b>Reads</b> catch up to the end of the topic first ({@code read_committed}), so a schema registered
 * through any instance is readable through every other once its write returned.
 */
public final class KafkaSchemaStore implements SchemaStore {

    static final int MAX_WRITE_ATTEMPTS = 10;

    private final SchemaTopicLog log;
    private final InMemorySchemaStore view = new InMemorySchemaStore();
    private final ReentrantLock lock = new ReentrantLock();
    private List<ProducerRecord<byte[], byte[]>> pending;

    private KafkaSchemaStore(SchemaTopicLog log) {
        this.log = log;
    }

    /**
     * Creates the topic if missing, replays it and claims the writer role; returns once the state is current.
     * Claiming now moves the slow part of the first write (the transaction coordinator, on a fresh broker the
     * creation of its topic) to start-up: measured, a first registration under load took longer than clients wait.
     */
    public static KafkaSchemaStore open(KafkaStoreOptions options) {
        SchemaTopic.ensure(options);
        KafkaSchemaStore store = new KafkaSchemaStore(new SchemaTopicLog(options));
        store.read(() -> null);
        store.log.claimWriter();
        return store;
    }

    @Override
    public <T> T write(Supplier<T> action) {
        lock.lock();
        try {
            if (pending != null) {
                return action.get();
            }
            KafkaException lastFailure = null;
            for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
                log.claimWriter();
                log.catchUp(view);
                pending = new ArrayList<>();
                try {
                    T result = action.get();
                    if (!pending.isEmpty()) {
                        log.catchUpPast(view, log.commit(pending));
                    }
                    return result;
                } catch (KafkaException e) {
                    // Fenced: another instance wrote; decide again on a fresh view. Any other failure of the
                    // transaction (the broker answers EndTxn with an unexpected error under contention) is
                    // retried the same way: if it did commit, the fresh view holds it and the registry's
                    // idempotent rules turn the retry into a no-op.
                    log.releaseWriter();
                    lastFailure = e;
                } finally {
                    pending = null;
                }
            }
            throw new SchemaStoreException(
                    "schema-topic write failed " + MAX_WRITE_ATTEMPTS + " times (fenced by another"
                            + " registry instance, or the broker failed the transaction); last: " + lastFailure,
                    lastFailure);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(SchemaVersion version) {
        write(() -> {
            if (view.schemaById(version.id()).isEmpty()) {
                pending.add(
                        log.record(SchemaLog.idKey(version.id()), SchemaLog.idValue(version.id(), version.schema())));
            }
            pending.add(log.record(
                    SchemaLog.schemaKey(version.subject(), version.version()), SchemaLog.schemaValue(version)));
            return null;
        });
    }

    @Override
    public void remove(String subject, int version) {
        append(SchemaLog.schemaKey(subject, version), null);
    }

    @Override
    public List<SchemaVersion> versions(String subject) {
        return read(() -> view.versions(subject));
    }

    @Override
    public Set<String> subjects() {
        return read(view::subjects);
    }

    @Override
    public Optional<String> schemaById(int id) {
        return read(() -> view.schemaById(id));
    }

    @Override
    public OptionalInt idOf(String canonicalSchema) {
        return read(() -> view.idOf(canonicalSchema));
    }

    @Override
    public int maxId() {
        return read(view::maxId);
    }

    @Override
    public Optional<CompatibilityLevel> globalCompatibility() {
        return read(view::globalCompatibility);
    }

    @Override
    public void putGlobalCompatibility(CompatibilityLevel level) {
        append(SchemaLog.configKey(null), SchemaLog.configValue(level));
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return read(() -> view.subjectCompatibility(subject));
    }

    @Override
    public void putSubjectCompatibility(String subject, CompatibilityLevel level) {
        append(SchemaLog.configKey(subject), SchemaLog.configValue(level));
    }

    @Override
    public void removeSubjectCompatibility(String subject) {
        append(SchemaLog.configKey(subject), null);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            log.close();
        } finally {
            lock.unlock();
        }
    }

    private void append(byte[] key, byte[] value) {
        write(() -> pending.add(log.record(key, value)));
    }

    /** Inside a write the view was just caught up and must not move under the decision; outside, catch up. */
    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            if (pending == null) {
                log.catchUp(view);
            }
            return query.get();
        } finally {
            lock.unlock();
        }
    }
}
