package io.llm402.gateway.relay;

import static io.llm402.domain.channel.api.ChannelType.ANTHROPIC;
import static io.llm402.domain.channel.api.ChannelType.AZURE;
import static io.llm402.domain.channel.api.ChannelType.COHERE;
import static io.llm402.domain.channel.api.ChannelType.DEEPSEEK;
import static io.llm402.domain.channel.api.ChannelType.GEMINI;
import static io.llm402.domain.channel.api.ChannelType.JINA;
import static io.llm402.domain.channel.api.ChannelType.OPENAI;
import static io.llm402.domain.channel.api.ChannelType.OPENAI_COMPATIBLE;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.wire.WireFormat;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every client-facing API call the gateway relays, with the caller's wire format and the channel types that speak it
 * natively. A channel of another type is not chosen for the call (cross-format conversion is a separate layer).
 */
public enum Operation {
    CHAT_COMPLETIONS(WireFormat.OPENAI, true, EnumSet.of(OPENAI, OPENAI_COMPATIBLE, AZURE, DEEPSEEK)),
    COMPLETIONS(WireFormat.OPENAI, true, EnumSet.of(OPENAI, OPENAI_COMPATIBLE, AZURE)),
    RESPONSES(WireFormat.OPENAI, true, EnumSet.of(OPENAI, AZURE)),
    EMBEDDINGS(WireFormat.OPENAI, true, EnumSet.of(OPENAI, OPENAI_COMPATIBLE, AZURE, JINA)),
    RERANK_V1(WireFormat.OPENAI, true, EnumSet.of(COHERE, JINA)),
    RERANK_V2(WireFormat.OPENAI, true, EnumSet.of(COHERE, JINA)),
    CLAUDE_MESSAGES(WireFormat.CLAUDE, true, EnumSet.of(ANTHROPIC)),
    CLAUDE_COUNT_TOKENS(WireFormat.CLAUDE, false, EnumSet.of(ANTHROPIC)),
    GEMINI_GENERATE(WireFormat.GEMINI, true, EnumSet.of(GEMINI)),
    GEMINI_COUNT_TOKENS(WireFormat.GEMINI, false, EnumSet.of(GEMINI)),
    GEMINI_EMBED(WireFormat.GEMINI, true, EnumSet.of(GEMINI)),
    GEMINI_BATCH_EMBED(WireFormat.GEMINI, true, EnumSet.of(GEMINI));

    private final WireFormat format;
    private final boolean billed;
    private final Set<ChannelType> servedBy;

    Operation(WireFormat format, boolean billed, Set<ChannelType> servedBy) {
        this.format = format;
        this.billed = billed;
        this.servedBy = servedBy;
    }

    public WireFormat format() {
        return format;
    }

    /** Token counting is free; everything else is reserved, charged and posted to the ledger. */
    public boolean billed() {
        return billed;
    }

    public boolean servedBy(ChannelType type) {
        return servedBy.contains(type);
    }
}
