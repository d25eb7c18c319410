package dev.computefabric.gateway;

import dev.computefabric.tables.retention.TableJanitor;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Table storage housekeeping, under {@code fabric.tables.*}.
 *
 * @param retention     a stored table nothing references any more is removed once it was neither written nor
 *                      reused for this long ({@code fabric.tables.retention}, default 24h)
 * @param sweepInterval how often this gateway sweeps ({@code fabric.tables.sweep-interval}, default 1h)
 * @param sweep         whether this gateway sweeps at all ({@code fabric.tables.sweep}, default true)
 * @param sweepTimeout  longest a sweep may read references before it gives up and removes nothing
 */
@ConfigurationProperties("fabric.tables")
public record TableProperties(Duration retention, Duration sweepInterval, Boolean sweep, Duration sweepTimeout) {

    public TableProperties {
        retention = positive("fabric.tables.retention", retention, TableJanitor.DEFAULT_RETENTION);
        sweepInterval = positive("fabric.tables.sweep-interval", sweepInterval, TableJanitor.DEFAULT_INTERVAL);
        sweep = sweep == null || sweep;
        sweepTimeout = positive("fabric.tables.sweep-timeout", sweepTimeout, TableJanitor.DEFAULT_READ_TIMEOUT);
    }

    public static TableProperties defaults() {
        return new TableProperties(null, null, null, null);
    }

    static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration such as 24h, got " + value);
        }
        return value;
    }
}
