package dev.computefabric.infra.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats the broker's log directories, unless they already are: as a standalone KRaft quorum, or as one voter of
 * the static quorum its properties name. SCRAM users given here exist from the first metadata record on; a directory
 * formatted before keeps the users it was formatted with.
 */
final class StorageFormat {

    private StorageFormat() {}

    static void format(Path serverProperties, String clusterId, boolean staticVoters, ScramUsers scramUsers) {
        List<String> args = new ArrayList<>(List.of(
                "format",
                "--config",
                serverProperties.toString(),
                "--cluster-id",
                clusterId,
                // A restart on the same data directory keeps the data it has.
                "--ignore-formatted"));
        if (!staticVoters) {
            // One node that is its own controller quorum: no voter list to maintain.
            args.add("--standalone");
        }
        args.addAll(scramUsers.formatArguments());
        int exitCode = kafka.tools.StorageTool.execute(args.toArray(String[]::new), System.out);
        if (exitCode != 0) {
            throw new IllegalStateException("formatting the broker storage of " + serverProperties
                    + " failed with exit code " + exitCode + " (see the lines above)");
        }
    }
}
