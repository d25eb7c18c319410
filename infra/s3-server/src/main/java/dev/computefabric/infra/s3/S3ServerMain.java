package dev.computefabric.infra.s3;

import dev.computefabric.common.ProcessLink;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the embedded S3 server as a child JVM of the stack, until it is stopped. */
@Command(
        name = "s3-server",
        mixinStandardHelpOptions = true,
        description = "An S3-compatible server (S3Proxy) over a local directory.")
public final class S3ServerMain implements Callable<Integer> {

    public static final String COMPONENT = "s3";

    @Option(names = "--basedir", required = true, description = "Directory that holds the buckets.")
    Path baseDir;

    @Option(names = "--host", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host = S3ServerOptions.DEFAULT_HOST;

    @Option(names = "--port", description = "Port to bind, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port = S3ServerOptions.DEFAULT_PORT;

    @Option(names = "--access-key", description = "Access key clients sign with (default: ${DEFAULT-VALUE}).")
    String accessKey = S3ServerOptions.DEFAULT_ACCESS_KEY;

    @Option(names = "--secret-key", description = "Secret key clients sign with (default: ${DEFAULT-VALUE}).")
    String secretKey = S3ServerOptions.DEFAULT_SECRET_KEY;

    @Option(names = "--bucket", description = "Bucket created at start if missing (default: ${DEFAULT-VALUE}).")
    String bucket = S3ServerOptions.DEFAULT_BUCKET;

    public static void main(String[] args) {
        ProcessLink.attach(COMPONENT);
        int exitCode = new CommandLine(new S3ServerMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
        // Once started, Jetty's non-daemon threads serve until SIGTERM runs the shutdown hook.
    }

    @Override
    public Integer call() {
        S3Server server = S3Server.start(new S3ServerOptions(baseDir, host, port, accessKey, secretKey, bucket));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3-shutdown"));
        ProcessLink.ready(COMPONENT, server.endpoint().toString());
        return 0;
    }
}
