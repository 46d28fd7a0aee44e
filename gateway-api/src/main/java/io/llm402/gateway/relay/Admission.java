package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.PriceCalculator;
import io.llm402.domain.metering.api.PriceTerms;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.shared.Ratio;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.reasoning.ModelSuffix;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Failure;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Whether a request may go upstream, decided without I/O: first the key (before the body is read), then the request
 * (model, allow-list, channels, price, maximum cost). Every refusal is a value with the caller's error; nothing here
 * writes a response or calls the ledger.
 */
final class Admission {

    /** The most output a suffix's reasoning controls can ask for (Gemini's largest budget plus an answer). */
    static final long REASONING_OUTPUT_CEILING = 32_768;

    private Admission() {
    }

    sealed interface Decision {
    }

    /** A refusal in the caller's format; no upstream is called and nothing is charged. */
    record Refused(Failure failure, String message, String code) implements Decision {
    }

    /** The model exists but no channel serves this API: answered locally (token counting) or refused. */
    record AnswerLocally(ApiCall call) implements Decision {
    }

    /**
     * Admitted: the call as routed, the channels that may serve it, and (for billed calls) what it may cost.
     *
     * @param pricing {@code null} for unbilled calls (token counting)
     */
    record Admitted(ApiCall call, List<ChannelView> channels, @Nullable Pricing pricing) implements Decision {
    }

    /**
     * @param billedModel     the model whose price applies: the name as requested when it has its own price (a suffix
     *                        like {@code o3-mini-high} may cost more), else the routed model
     * @param maximumNanoUsd  the most the request can cost, reserved before the upstream call
     */
    record Pricing(String billedModel, ModelPriceView price, long groupRatioMillionths, long maximumNanoUsd) {

        /** The terms of the charge on one channel (whose cache ratio may differ). */
        PriceTerms terms(ChannelView channel, @Nullable Long globalCacheRatioMillionths) {
            return PriceTerms.resolve(price.priceVersion(), modelPrice(price), channel.promptCacheRatioMillionths(),
                    globalCacheRatioMillionths, groupRatioMillionths);
        }
    }

    /**
     * The key's token, or the refusal: no key, unknown, expired, disabled, its owner disabled, or the client's address
     * outside the key's IP allow-list.
     */
    static Optional<Refused> checkKey(@Nullable String key, Optional<ApiTokenView> found, Instant now,
                                      String clientAddress) {
        if (key == null) {
            return Optional.of(new Refused(Failure.UNAUTHENTICATED, "No API key was provided.", "missing_api_key"));
        }
        if (found.isEmpty()) {
            return Optional.of(new Refused(Failure.UNAUTHENTICATED, "Incorrect API key provided.",
                    "invalid_api_key"));
        }
        ApiTokenView token = found.get();
        if (token.expiresAt() != null && now.isAfter(token.expiresAt())) {
            return Optional.of(new Refused(Failure.UNAUTHENTICATED, "This API key expired at " + token.expiresAt()
                    + ".", "api_key_expired"));
        }
        if (token.disabled()) {
            return Optional.of(new Refused(Failure.UNAUTHENTICATED, "This API key is disabled.", "api_key_disabled"));
        }
        if (token.ownerDisabled()) {
            return Optional.of(new Refused(Failure.FORBIDDEN, "The account this API key belongs to is disabled.",
                    "account_disabled"));
        }
        if (!token.allowIps().isEmpty() && !allowed(token.allowIps(), clientAddress)) {
            return Optional.of(new Refused(Failure.FORBIDDEN, "This API key may not be used from your address.",
                    "ip_not_allowed"));
        }
        return Optional.empty();
    }

    /** Exact addresses and CIDR ranges, IPv4 and IPv6 (Spring Security's matcher; an IPv4 range never matches v6). */
    private static boolean allowed(List<String> allowIps, String clientAddress) {
        for (String allowed : allowIps) {
            if (new IpAddressMatcher(allowed).matches(clientAddress)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides a parsed request. The cheap checks come first; the prompt is estimated only for a request that passed
     * them, when its maximum cost is computed.
     *
     * @param token {@code null} for an x402 payer, who may use every model
     * @param group the price group: the token's, or the x402 payers'
     */
    static Decision decide(ClientApi api, ApiCall parsed, @Nullable ApiTokenView token, String group,
                           CatalogSnapshot snapshot) {
        // A reasoning suffix is stripped before routing; the key may use the model with or without it.
        ModelSuffix.Parsed suffix = ModelSuffix.parse(parsed.model(), snapshot::serves);
        ApiCall call = parsed.routedTo(suffix.model(), suffix.reasoning());
        if (token != null && !token.models().isEmpty() && !token.models().contains(call.model())
                && !token.models().contains(call.routedModel())) {
            return new Refused(Failure.FORBIDDEN, "This API key may not use the model '"
                    + ClientErrors.quote(call.model()) + "'.", "model_not_allowed");
        }
        List<ChannelView> candidates = snapshot.channelsFor(call.routedModel(), group);
        if (candidates.isEmpty()) {
            return new Refused(Failure.NOT_FOUND, "The model '" + ClientErrors.quote(call.model())
                    + "' does not exist or you do not have access to it.", "model_not_found");
        }
        List<ChannelView> channels = new ArrayList<>(candidates.size());
        for (ChannelView channel : candidates) {
            if (api.operation().serves(ChannelType.fromWireName(channel.type()))) {
                channels.add(channel);
            }
        }
        if (channels.isEmpty()) {
            return new AnswerLocally(call);
        }
        long outputLimit = snapshot.outputLimits().limitFor(call.routedModel());
        if (call.askedOutput().perAnswer() > outputLimit) {
            // OpenAI's own wording for the same mistake, so clients that parse it keep working.
            return new Refused(Failure.MALFORMED, call.askedOutput().field() + " is too large: "
                    + call.askedOutput().perAnswer() + ". This model supports at most " + outputLimit
                    + " completion tokens, whereas you provided " + call.askedOutput().perAnswer() + ".",
                    "invalid_value");
        }
        if (!api.operation().billed()) {
            return new Admitted(call, channels, null);
        }
        String billedModel = PriceCalculator.billedModel(call.model(), call.routedModel(),
                model -> snapshot.price(model) != null);
        ModelPriceView price = snapshot.price(billedModel);
        if (price == null) {
            return new Refused(Failure.MALFORMED, "The model '" + ClientErrors.quote(call.model())
                    + "' has no price configured.", "model_price_not_set");
        }
        long groupRatio = snapshot.groupRatioMillionths(group);
        PriceTerms terms = PriceTerms.resolve(price.priceVersion(), modelPrice(price), null,
                snapshot.globalCacheRatioMillionths(), groupRatio);
        // A reasoning suffix can raise the upstream's output limit (a thinking budget) after parsing: reserve for it.
        long maxOutput = call.reasoning() == null ? call.maxOutputTokens()
                : Math.max(call.maxOutputTokens(), REASONING_OUTPUT_CEILING);
        long maximum = PriceCalculator.maximumCost(call.promptEstimate(), maxOutput, call.maxUnits(), terms,
                writesHourCache(channels));
        return new Admitted(call, channels, new Pricing(billedModel, price, groupRatio, maximum));
    }

    /** Only Anthropic bills one-hour cache writes (2× input): the reservation covers them where they can occur. */
    private static boolean writesHourCache(List<ChannelView> channels) {
        for (ChannelView channel : channels) {
            if (ChannelType.fromWireName(channel.type()) == ChannelType.ANTHROPIC) {
                return true;
            }
        }
        return false;
    }

    private static ModelPrice modelPrice(ModelPriceView view) {
        return new ModelPrice(view.inputNanoUsdPerMTok(), view.outputNanoUsdPerMTok(), view.perCallNanoUsd(),
                view.cacheRatioMillionths() == null ? null : new Ratio(view.cacheRatioMillionths()),
                view.cacheWriteRatioMillionths() == null ? null : new Ratio(view.cacheWriteRatioMillionths()));
    }
}
