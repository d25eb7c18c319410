package dev.computefabric.tables.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(2));
    private static final Instant NEW = NOW.minus(Duration.ofHours(1));

    @Test
    void aReferencedTableIsKeptHoweverOld() {
        assertThat(Retention.of(true, OLD, null, NOW, RETENTION)).isEqualTo(Retention.REFERENCED);
    }

    @Test
    void anUnreferencedTableWrittenWithinTheRetentionPeriodIsKept() {
        assertThat(Retention.of(false, NEW, null, NOW, RETENTION)).isEqualTo(Retention.RECENT);
    }

    @Test
    void anOldUnreferencedTableReusedWithinThePeriodIsKeptByItsLease() {
        assertThat(Retention.of(false, OLD, NEW, NOW, RETENTION)).isEqualTo(Retention.RECENT);
    }

    @Test
    void anOldUnreferencedTableWithAnOldOrNoLeaseExpires() {
        assertThat(Retention.of(false, OLD, OLD, NOW, RETENTION)).isEqualTo(Retention.EXPIRED);
        assertThat(Retention.of(false, OLD, null, NOW, RETENTION)).isEqualTo(Retention.EXPIRED);
    }

    @Test
    void exactlyOnePeriodOldIsExpired() {
        assertThat(Retention.of(false, NOW.minus(RETENTION), null, NOW, RETENTION))
                .isEqualTo(Retention.EXPIRED);
    }
}
