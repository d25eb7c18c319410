package dev.computefabric.infra.broker;

import java.nio.file.Path;

/** Formats the broker's log directories as a standalone KRaft quorum, unless they already are. */
final class StorageFormat {

    private StorageFormat() {}

    static void format(Path serverProperties, String clusterId) {
        String[] args = {
            "format",
            "--config",
            serverProperties.toString(),
            "--cluster-id",
            clusterId,
            // One node that is its own controller quorum: no voter list to maintain.
            "--standalone",
            // A restart on the same data directory keeps the data it has.
            "--ignore-formatted",
        };
        int exitCode = kafka.tools.StorageTool.execute(args, System.out);
        if (exitCode != 0) {
            throw new IllegalStateException("formatting the broker storage of " + serverProperties
                    + " failed with exit code " + exitCode + " (see the lines above)");
        }
    }
}
