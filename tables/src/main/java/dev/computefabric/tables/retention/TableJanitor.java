package dev.computefabric.tables.retention;

import dev.computefabric.tables.StoredObject;
import dev.computefabric.tables.TableStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention sweep: removes stored tables that nothing references any more and that were neither written
 * nor leased within the retention period, then leases older than that period, then aborts the multipart uploads
 * of tables that this janitor has seen unfinished for longer than that period: left behind by a gateway or an
 * executor that stopped half-way through storing a table, their parts would otherwise stay in storage for good.
 * (Their age is counted from the first sweep that saw them, as S3Proxy tells no upload's start.)
 *
 * <p>Order matters. References are read first, the bucket is listed after: a table uploaded or reused while the
 * references were read carries a recent write or lease, so it is spared without being referenced yet. Just
 * before a removal the table's lease is read once more, which narrows (S3 offers no conditional delete to
 * close it) the window in which a reuse that happens at that very moment loses its table; the call would
 * then fail with "does not exist", never read wrong bytes.
 */
public final class TableJanitor {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** Longest a sweep may spend reading references before it gives up and removes nothing. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(TableJanitor.class);

    /** What one sweep did. */
    public record Sweep(
            int tables,
            int referenced,
            int recent,
            int removed,
            long removedBytes,
            int leasesRemoved,
            int uploadsAborted) {}

    private final TableStore store;
    private final ReferenceSource references;
    private final Clock clock;
    private final Duration retention;
    /** When a sweep first saw each unfinished upload still listed, by upload id; only the sweeping thread uses it. */
    private final Map<String, Instant> unfinishedSince = new HashMap<>();

    public TableJanitor(TableStore store, ReferenceSource references, Clock clock, Duration retention) {
        this.store = Objects.requireNonNull(store, "store");
        this.references = Objects.requireNonNull(references, "references");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        this.retention = retention;
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        Set<String> referenced = references.referenced(now, retention);
        Map<String, Instant> leases = new HashMap<>();
        store.listLeases().forEach(lease -> leases.put(lease.sha256(), lease.lastModified()));
        int[] counts = new int[4];
        long[] removedBytes = {0};
        store.listTables().forEach(table -> {
            counts[0]++;
            switch (Retention.of(
                    referenced.contains(table.sha256()),
                    table.lastModified(),
                    leases.get(table.sha256()),
                    now,
                    retention)) {
                case REFERENCED -> counts[1]++;
                case RECENT -> counts[2]++;
                case EXPIRED -> {
                    if (leasedSince(table.sha256(), now)) {
                        counts[2]++;
                    } else {
                        store.delete(table.sha256());
                        counts[3]++;
                        removedBytes[0] += table.sizeBytes();
                    }
                }
            }
        });
        int leasesRemoved = 0;
        for (Map.Entry<String, Instant> lease : leases.entrySet()) {
            if (!Retention.isRecent(lease.getValue(), now, retention)) {
                store.deleteLease(lease.getKey());
                leasesRemoved++;
            }
        }
        Sweep sweep = new Sweep(
                counts[0], counts[1], counts[2], counts[3], removedBytes[0], leasesRemoved, abortAbandonedUploads(now));
        log.info(
                "table retention sweep: {} tables, {} referenced, {} recent, {} removed ({} bytes),"
                        + " {} old leases removed, {} abandoned uploads aborted",
                sweep.tables(),
                sweep.referenced(),
                sweep.recent(),
                sweep.removed(),
                sweep.removedBytes(),
                sweep.leasesRemoved(),
                sweep.uploadsAborted());
        return sweep;
    }

    /** Aborts the unfinished uploads first seen more than the retention period ago; forgets those that ended. */
    private int abortAbandonedUploads(Instant now) {
        Map<String, Instant> stillUnfinished = new HashMap<>();
        int aborted = 0;
        for (TableStore.UnfinishedUpload upload : store.listUnfinishedUploads().toList()) {
            Instant since = unfinishedSince.getOrDefault(upload.uploadId(), now);
            if (Retention.isRecent(since, now, retention)) {
                stillUnfinished.put(upload.uploadId(), since);
            } else {
                store.abort(upload);
                aborted++;
            }
        }
        unfinishedSince.clear();
        unfinishedSince.putAll(stillUnfinished);
        return aborted;
    }

    public Duration retention() {
        return retention;
    }

    private boolean leasedSince(String sha256, Instant now) {
        Optional<StoredObject> lease = store.leaseOf(sha256);
        return lease.isPresent() && Retention.isRecent(lease.get().lastModified(), now, retention);
    }
}
