package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.UsageNormaliser;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A whole (non-streamed) answer: read it, convert it for the client, confirm the payment, charge, then send. The
 * client's bytes go out only after the charge is durable. An answer that is not a JSON object, or is an error body
 * sent with 200, is unusable and goes to the next channel.
 */
final class WholeRelay implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(WholeRelay.class);

    @Override
    public boolean deliver(Exchange exchange, ChannelView channel, ChannelType type, String upstreamModel,
                           InputStream in, HttpServletResponse response) throws IOException {
        byte[] bytes;
        JsonNode json;
        try (in) {
            bytes = in.readAllBytes();
            json = Json.MAPPER.readTree(bytes);
        } catch (IOException | JacksonException e) {
            return false;
        }
        if (!json.isObject() || json.path("error").isObject()) {
            return false;
        }
        ClientApi api = exchange.api();
        CanonicalUsage usage;
        try {
            usage = api.usage(json, type);
        } catch (UsageNormaliser.ImplausibleUsageException e) {
            log.warn("Request {}: channel {} reported {}; treated as a failed attempt",
                    response.getHeader(ClientErrors.REQUEST_ID_HEADER), channel.name(), e.getMessage());
            return false;
        }
        byte[] clientBody = api.clientBody(exchange.call(), channel, type, bytes, json);
        if (!exchange.payer().confirm(response, exchange.format())) {
            return true;
        }
        exchange.charge(channel, upstreamModel, usage != null ? usage : exchange.estimate(api.outputText(json, type)));
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(clientBody.length);
        response.getOutputStream().write(clientBody);
        return true;
    }
}
