package dev.computefabric.infra.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server (S3Proxy) storing objects as files under a base directory.
 *
 * <p>S3Proxy 4 dropped jclouds; its own {@link FilesystemNio2BlobStore} is the filesystem backend.
 */
public final class S3Server implements AutoCloseable {

    private final S3ServerOptions options;
    private final BlobStore blobStore;
    private final S3Proxy proxy;

    private S3Server(S3ServerOptions options, BlobStore blobStore, S3Proxy proxy) {
        this.options = options;
        this.blobStore = blobStore;
        this.proxy = proxy;
    }

    /** Starts serving and creates the bucket if it is missing; returns once requests are accepted. */
    public static S3Server start(S3ServerOptions options) {
        try {
            Files.createDirectories(options.baseDir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the S3 base directory " + options.baseDir().toAbsolutePath(), e);
        }
        BlobStore blobStore =
                new FilesystemNio2BlobStore(options.baseDir().toAbsolutePath().toString());
        if (!blobStore.containerExists(options.bucket())) {
            blobStore.createContainer(options.bucket());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + options.host() + ":" + options.port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, options.accessKey(), options.secretKey())
                // The AWS SDK's multipart client sends headers S3Proxy does not know and would otherwise reject.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException(
                    "S3 server could not start on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return new S3Server(options, blobStore, proxy);
    }

    /** The endpoint clients use, e.g. {@code http://127.0.0.1:41234}, with the port actually bound. */
    public URI endpoint() {
        return URI.create("http://" + options.host() + ":" + proxy.getPort());
    }

    public S3ServerOptions options() {
        return options;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3 server on " + endpoint() + " did not stop cleanly", e);
        } finally {
            blobStore.close();
        }
    }
}
