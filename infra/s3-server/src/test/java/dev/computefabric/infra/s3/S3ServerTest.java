package dev.computefabric.infra.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ServerTest {

    @TempDir
    Path dir;

    @Test
    void servesTheBucketItCreatedToAClientSigningWithTheConfiguredKeys() {
        S3ServerOptions options = S3ServerOptions.defaults(dir);
        try (S3Server server = S3Server.start(options);
                S3Client s3 = client(server, options.accessKey(), options.secretKey())) {
            s3.putObject(put -> put.bucket(options.bucket()).key("a/b.txt"), RequestBody.fromString("hello"));

            assertThat(s3.getObjectAsBytes(get -> get.bucket(options.bucket()).key("a/b.txt"))
                            .asUtf8String())
                    .isEqualTo("hello");
            assertThat(dir.resolve(options.bucket())).isDirectory();
        }
    }

    @Test
    void rejectsAClientWithTheWrongSecret() {
        S3ServerOptions options = S3ServerOptions.defaults(dir);
        try (S3Server server = S3Server.start(options);
                S3Client s3 = client(server, options.accessKey(), "not-the-secret")) {
            assertThatThrownBy(() -> s3.listObjectsV2(list -> list.bucket(options.bucket())))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void keepsObjectsAcrossRestartsOnTheSameDirectory() {
        S3ServerOptions options = S3ServerOptions.defaults(dir);
        try (S3Server server = S3Server.start(options);
                S3Client s3 = client(server, options.accessKey(), options.secretKey())) {
            s3.putObject(put -> put.bucket(options.bucket()).key("kept"), RequestBody.fromString("still here"));
        }
        try (S3Server server = S3Server.start(options);
                S3Client s3 = client(server, options.accessKey(), options.secretKey())) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(options.bucket()).key("kept"))
                            .asUtf8String())
                    .isEqualTo("still here");
        }
    }

    @Test
    void optionsNameTheFieldThatIsWrong() {
        assertThatThrownBy(() -> new S3ServerOptions(dir, "127.0.0.1", 0, "k", "s", "Bad_Bucket"))
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> new S3ServerOptions(dir, "127.0.0.1", 70_000, "k", "s", "fabric"))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new S3ServerOptions(dir, "127.0.0.1", 0, " ", "s", "fabric"))
                .hasMessageContaining("accessKey");
    }

    private static S3Client client(S3Server server, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
