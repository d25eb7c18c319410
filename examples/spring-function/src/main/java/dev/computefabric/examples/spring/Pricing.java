package dev.computefabric.examples.spring;

import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.FabricParam;
import dev.computefabric.spring.FabricFunction;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Prices orders: an ordinary Spring bean whose method the fabric serves as {@code pricing.quote}. */
@Component
public class Pricing {

    /** The function's arguments: its inputs in the catalog, {@code currency} with a default. */
    public record Order(
            @FabricParam(description = "what is ordered: tea or coffee")
            String item,

            @FabricParam(description = "how many") int quantity,

            @FabricParam(defaultValue = "\"EUR\"", description = "the currency of the quote")
            String currency) {}

    /** The function's output. */
    public record Quote(String item, int quantity, double unitPrice, double total, String currency) {}

    private static final Map<String, Double> PRICES = Map.of("tea", 2.5, "coffee", 3.0);

    @FabricFunction(value = "pricing.quote", description = "Prices an order of tea or coffee", capabilities = "pricing")
    public Quote quote(Order order) {
        Double unitPrice = PRICES.get(order.item());
        if (unitPrice == null) {
            throw new BadArgumentsException(
                    "pricing.quote: no price for '" + order.item() + "'; known items: " + PRICES.keySet());
        }
        return new Quote(order.item(), order.quantity(), unitPrice, unitPrice * order.quantity(), order.currency());
    }
}
