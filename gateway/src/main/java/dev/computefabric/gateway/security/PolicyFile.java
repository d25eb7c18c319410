package dev.computefabric.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy file, read again when it changes: its modification time is looked at, at most every
 * {@link #DEFAULT_CHECK_INTERVAL}, on the request path (no watcher thread). A change that does not parse is
 * logged and the last good policy stays; a file that is bad at start stops the gateway.
 */
final class PolicyFile {

    static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(PolicyFile.class);

    private final Path path;
    private final Clock clock;
    private final Duration checkInterval;
    private volatile Policy policy;
    private volatile FileTime loadedModified;
    private volatile long loadedSize;
    private volatile Instant nextCheck;

    /** @throws IllegalArgumentException the file cannot be read or is not a valid policy */
    PolicyFile(Path path, Clock clock, Duration checkInterval) {
        this.path = path;
        this.clock = clock;
        this.checkInterval = checkInterval;
        this.policy = load();
        this.nextCheck = clock.instant().plus(checkInterval);
        log.info("policy {}: {} grants, admin groups {}", path, policy.grants().size(), policy.adminGroups());
    }

    /** The policy as the file says now (within the check interval). */
    Policy current() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return policy;
        }
        synchronized (this) {
            if (!now.isBefore(nextCheck)) {
                nextCheck = now.plus(checkInterval);
                reloadIfChanged();
            }
        }
        return policy;
    }

    private void reloadIfChanged() {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(path);
            size = Files.size(path);
        } catch (IOException e) {
            log.error("policy {} cannot be read, keeping the previous one: {}", path, e.toString());
            return;
        }
        if (modified.equals(loadedModified) && size == loadedSize) {
            return;
        }
        // Remembered even when it fails, so a bad edit is reported once, not every second.
        loadedModified = modified;
        loadedSize = size;
        try {
            policy = PolicyParser.parse(Files.readString(path));
            log.info(
                    "policy {} reloaded: {} grants, admin groups {}",
                    path,
                    policy.grants().size(),
                    policy.adminGroups());
        } catch (IOException | IllegalArgumentException e) {
            log.error("policy {} changed but cannot be used, keeping the previous one: {}", path, e.getMessage());
        }
    }

    private Policy load() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Policy parsed = PolicyParser.parse(Files.readString(path));
            loadedModified = modified;
            loadedSize = size;
            return parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the policy file " + path + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy file " + path + ": " + e.getMessage(), e);
        }
    }
}
