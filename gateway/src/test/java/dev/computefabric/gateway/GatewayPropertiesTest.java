package dev.computefabric.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.HeapBudget;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.Tables;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class GatewayPropertiesTest {

    private static GatewayProperties bindEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        // Spring applies its environment-variable name mapping only to a source with this name.
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("fabric", GatewayProperties.class);
    }

    private static GatewayProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("fabric", GatewayProperties.class);
    }

    @Test
    void everySettingHasADefault() {
        GatewayProperties defaults = GatewayProperties.defaults();

        assertThat(defaults.bootstrap()).isEqualTo(GatewayProperties.DEFAULT_BOOTSTRAP);
        assertThat(defaults.registry()).isEqualTo(GatewayProperties.DEFAULT_REGISTRY);
        assertThat(defaults.s3().endpoint()).isEqualTo(GatewayProperties.S3.DEFAULT_ENDPOINT);
        assertThat(defaults.s3().bucket()).isEqualTo(S3Settings.DEFAULT_BUCKET);
        assertThat(defaults.s3().secretKey()).isEqualTo(S3Settings.DEFAULT_SECRET_KEY);
        assertThat(defaults.gatewayId()).matches("gw-[0-9a-f]{8}");
        assertThat(defaults.inlineLimitBytes()).isEqualTo(Tables.DEFAULT_INLINE_LIMIT_BYTES);
        assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxRequestBytes()).isEqualTo(CallRequestParser.DEFAULT_MAX_BODY_BYTES);
        assertThat(defaults.replyTopic()).isEqualTo("fabric.replies." + defaults.gatewayId());
    }

    @Test
    void theViewsOfCallsFitTheHeapByDefault() {
        // Three views keep calls (accepted here, every call's status, the console's list): an eighth of the heap each.
        assertThat(HeapBudget.perView(256L << 20)).isEqualTo(32L << 20);
        assertThat(HeapBudget.perView(4L << 30)).isEqualTo(HeapBudget.MAX_DEFAULT_BYTES);
        assertThat(GatewayProperties.defaults().recentCallsMaxBytes()).isEqualTo(HeapBudget.perView());
        assertThat(ConsoleProperties.defaults().maxBytes()).isEqualTo(HeapBudget.perView());
        assertThat(bind(Map.of("fabric.recent-calls-max-bytes", "8388608")).recentCallsMaxBytes())
                .isEqualTo(8L << 20);
    }

    @Test
    void eachGatewayGetsItsOwnGeneratedId() {
        assertThat(GatewayProperties.defaults().gatewayId())
                .isNotEqualTo(GatewayProperties.defaults().gatewayId());
    }

    @Test
    void environmentVariablesBindThroughRelaxedBinding() {
        GatewayProperties properties = bindEnvironment(Map.of(
                "FABRIC_BOOTSTRAP", "kafka:9092",
                "FABRIC_REGISTRY", "http://registry:8081",
                "FABRIC_S3_ENDPOINT", "http://s3:9000",
                "FABRIC_GATEWAYID", "edge-1",
                "FABRIC_MAXWAIT", "5s"));

        assertThat(properties.bootstrap()).isEqualTo("kafka:9092");
        assertThat(properties.registry()).isEqualTo("http://registry:8081");
        assertThat(properties.s3().endpoint()).isEqualTo("http://s3:9000");
        assertThat(properties.s3().bucket()).isEqualTo(S3Settings.DEFAULT_BUCKET);
        assertThat(properties.gatewayId()).isEqualTo("edge-1");
        assertThat(properties.maxWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void commandLineStylePropertiesBind() {
        GatewayProperties properties = bind(Map.of(
                "fabric.bootstrap", "127.0.0.1:39092",
                "fabric.s3.access-key", "key",
                "fabric.gateway-id", "gw.A_1-b",
                "fabric.inline-limit-bytes", "1024",
                "fabric.max-wait", "500ms"));

        assertThat(properties.bootstrap()).isEqualTo("127.0.0.1:39092");
        assertThat(properties.s3().accessKey()).isEqualTo("key");
        assertThat(properties.gatewayId()).isEqualTo("gw.A_1-b");
        assertThat(properties.inlineLimitBytes()).isEqualTo(1024);
        assertThat(properties.maxWait()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aGatewayIdThatCannotNameATopicIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("fabric.gateway-id", "my gateway")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("fabric.gateway-id must match [A-Za-z0-9._-]+");
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        assertThatThrownBy(() -> bind(Map.of("fabric.registry", "localhost:8081")))
                .rootCause()
                .hasMessageContaining("fabric.registry must be an http(s) URL");
        assertThatThrownBy(() -> bind(Map.of("fabric.s3.endpoint", "s3.local")))
                .rootCause()
                .hasMessageContaining("fabric.s3.endpoint must be an http(s) URL");
        assertThatThrownBy(() -> bind(Map.of("fabric.max-wait", "0s")))
                .rootCause()
                .hasMessageContaining("fabric.max-wait must be positive");
        assertThatThrownBy(() -> bind(Map.of("fabric.inline-limit-bytes", "-1")))
                .rootCause()
                .hasMessageContaining("fabric.inline-limit-bytes must be >= 0");
    }

    @Test
    void theCatalogIsEnforcedByDefaultAndCanBeSwitchedOff() {
        GatewayProperties.Catalog defaults = GatewayProperties.defaults().catalog();
        assertThat(defaults.enforce()).isTrue();
        assertThat(defaults.nodeStaleAfter()).isEqualTo(Duration.ofSeconds(15));

        GatewayProperties.Catalog off = bind(Map.of(
                        "fabric.catalog.enforce", "false", "fabric.catalog.node-stale-after", "30s"))
                .catalog();
        assertThat(off.enforce()).isFalse();
        assertThat(off.nodeStaleAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bindEnvironment(Map.of("FABRIC_CATALOG_ENFORCE", "false"))
                        .catalog()
                        .enforce())
                .isFalse();
        assertThatThrownBy(() -> bind(Map.of("fabric.catalog.sync-timeout", "0s")))
                .rootCause()
                .hasMessageContaining("fabric.catalog.sync-timeout must be positive");
    }

    @Test
    void theSecretKeyIsNotLogged() {
        assertThat(GatewayProperties.defaults().s3().toString()).doesNotContain(S3Settings.DEFAULT_SECRET_KEY);
    }
}
