package com.example.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.shipping.ShippingQuote.Parcel;
import com.example.shipping.ShippingQuote.Quote;
import dev.computefabric.sdk.CallFailedException;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.FabricException;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.testkit.FabricTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function on a real fabric: each test gets a node in this JVM serving {@link ShippingQuote} under a capability
 * tag of its own, and clients whose calls carry that tag. Copy this class to test your own functions.
 */
// README:testkit-sample:begin
@FabricTest(functions = ShippingQuote.class)
class ShippingQuoteIT {

    @Test
    void aStandardParcelCostsTheBaseAndItsWeight(FabricClient fabric) {
        Quote quote = fabric.call("shipping.quote", new Parcel(2.0, false), Quote.class);

        assertThat(quote).isEqualTo(new Quote(7.0, "standard"));
    }

    @Test
    void expressIsTheDefaultLeftOutAndDoublesThePriceOverKafkaToo(FabricClient fabric, KafkaSubmitter kafka) {
        assertThat(fabric.call("shipping.quote", Map.of("weightKg", 2.0), Quote.class)
                        .service())
                .isEqualTo("standard");
        assertThat(kafka.call("shipping.quote", new Parcel(2.0, true), List.of(), Quote.class))
                .isEqualTo(new Quote(14.0, "express"));
    }

    @Test
    void theGatewayRefusesArgumentsOfTheWrongTypeAndTheFunctionAWeightBelowZero(FabricClient fabric) {
        assertThatThrownBy(() -> fabric.call("shipping.quote", Map.of("weightKg", "heavy"), Quote.class))
                .isInstanceOfSatisfying(
                        FabricException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("weightKg");
        assertThatThrownBy(() -> fabric.call("shipping.quote", new Parcel(-1, false), Quote.class))
                .isInstanceOfSatisfying(
                        CallFailedException.class,
                        e -> assertThat(e.errorType()).isEqualTo("BadArguments"))
                .hasMessageContaining("weightKg must be positive");
    }
}
// README:testkit-sample:end
