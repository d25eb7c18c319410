package com.example.shipping;

import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricParam;
import dev.computefabric.executor.function.TypedFunction;

/**
 * A team's own function: the shipping cost of a parcel. Arguments and output are records; the fabric decodes and
 * checks the call's JSON against them, and the catalog shows the signature they make.
 */
public final class ShippingQuote extends TypedFunction<ShippingQuote.Parcel, ShippingQuote.Quote> {

    public static final String NAME = "shipping.quote";
    static final double BASE = 4.0;
    static final double PER_KG = 1.5;
    static final double EXPRESS_FACTOR = 2.0;

    public record Parcel(
            @FabricParam(description = "weight in kilograms")
            double weightKg,

            @FabricParam(defaultValue = "false", description = "next-day delivery")
            boolean express) {}

    public record Quote(double price, String service) {}

    public ShippingQuote() {
        super(NAME, Parcel.class, Quote.class);
    }

    @Override
    protected Quote apply(Parcel parcel, CallContext context) {
        if (parcel.weightKg() <= 0) {
            throw new BadArgumentsException(NAME + ": weightKg must be positive, got " + parcel.weightKg());
        }
        double price = BASE + PER_KG * parcel.weightKg();
        return parcel.express() ? new Quote(price * EXPRESS_FACTOR, "express") : new Quote(price, "standard");
    }
}
