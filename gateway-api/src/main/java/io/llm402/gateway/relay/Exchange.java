package io.llm402.gateway.relay;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.PriceCalculator;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.projections.catalog.api.ChannelView;
import org.jspecify.annotations.Nullable;

/**
 * One admitted request on its way through the channels: what was asked, who pays, and how its usage becomes a
 * charge.
 *
 * @param pricing {@code null} for unbilled calls
 */
record Exchange(ClientApi api, ApiCall call, Admission.@Nullable Pricing pricing, Payer payer,
                CatalogSnapshot snapshot) {

    WireFormat format() {
        return api.operation().format();
    }

    /** Rates the usage on the channel that served it and posts the charge; returns once it is durable. */
    void charge(ChannelView channel, String upstreamModel, CanonicalUsage usage) {
        if (pricing == null) {
            return;
        }
        payer.charge(PriceCalculator.charge(call.model(), pricing.billedModel(), upstreamModel, channel.channelId(),
                usage, pricing.terms(channel, snapshot.globalCacheRatioMillionths())));
    }

    /** Usage from local counts, when the upstream reported none. */
    CanonicalUsage estimate(String outputText) {
        return new CanonicalUsage(call.promptEstimate(), 0, 0, TokenEstimator.instance().countText(outputText), 0,
                UsageBasis.ESTIMATE);
    }
}
