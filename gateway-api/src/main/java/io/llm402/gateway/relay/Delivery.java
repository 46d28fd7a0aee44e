package io.llm402.gateway.relay;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** Delivers an upstream's answer to the client and charges it. */
interface Delivery {

    /**
     * {@code true} when the request is done (delivered and charged, or refused with an answer written); {@code false}
     * when the answer proved unusable before anything reached the client: the next channel may try.
     */
    boolean deliver(Exchange exchange, ChannelView channel, ChannelType type, String upstreamModel, InputStream body,
                    HttpServletResponse response) throws IOException;
}
