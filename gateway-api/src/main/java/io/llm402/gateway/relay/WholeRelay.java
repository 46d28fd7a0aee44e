package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A whole (non-streamed) answer: read it, convert it for the client, confirm the payment, charge, then send. The
 * client's bytes go out only after the charge is durable. An answer that is not a JSON object, or is an error body
 * sent with 200, is unusable and goes to the next channel.
 */
final class WholeRelay implements Delivery {

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
        byte[] clientBody = api.clientBody(exchange.call(), channel, type, bytes, json);
        CanonicalUsage usage = api.usage(json, type);
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
