package com.example.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.shipping.ShippingQuote.Parcel;
import com.example.shipping.ShippingQuote.Quote;
import dev.computefabric.sdk.CallFailedException;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.testkit.containers.EnabledIfFabricImages;
import dev.computefabric.testkit.containers.FabricContainer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same function in the fabric's own images: this module's jar (built before Failsafe runs) is served by an
 * executor container, and the test calls it through the gateway container, as a deployment would. Skipped, saying
 * why, where no container engine answers or the images are missing.
 */
// README:testcontainers-sample:begin
@EnabledIfFabricImages
@Testcontainers
class ShippingQuoteContainerIT {

    @Container
    static final FabricContainer FABRIC =
            new FabricContainer().withFunctions(Path.of(System.getProperty("functions.jar")));

    static final Duration BOUND = Duration.ofMinutes(2);

    @Test
    void theExecutorImageServesTheJarsFunctionThroughTheGateway() {
        FabricClient fabric = FabricClient.connect(FABRIC.gatewayUrl());

        assertThat(fabric.call("shipping.quote", new Parcel(2.0, true), Quote.class, BOUND))
                .isEqualTo(new Quote(14.0, "express"));
        assertThatThrownBy(() -> fabric.call("shipping.quote", new Parcel(-1, false), Quote.class, BOUND))
                .isInstanceOfSatisfying(
                        CallFailedException.class,
                        e -> assertThat(e.errorType()).isEqualTo("BadArguments"));
    }
}
// README:testcontainers-sample:end
