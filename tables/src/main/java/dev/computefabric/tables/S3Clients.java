package dev.computefabric.tables;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the S3 clients of table storage, in one place: path-style addressing (S3-compatible servers),
 * the synchronous URL-connection client (streams request bodies; the SDK's async multipart client fills
 * whatever heap it is given, FINDINGS pitfall 5), otherwise the SDK's defaults. Switching off payload
 * signing and checksums was measured and gained nothing against the embedded server (see docs/architecture.md).
 */
final class S3Clients {

    private S3Clients() {}

    static S3Client client(S3Settings settings) {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(pathStyle())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static S3Presigner presigner(S3Settings settings) {
        return S3Presigner.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(pathStyle())
                .build();
    }

    private static S3Configuration pathStyle() {
        return S3Configuration.builder().pathStyleAccessEnabled(true).build();
    }

    private static StaticCredentialsProvider credentials(S3Settings settings) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }
}
