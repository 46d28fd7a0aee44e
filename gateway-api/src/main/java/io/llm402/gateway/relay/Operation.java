package io.llm402.gateway.relay;

import static io.llm402.domain.channel.api.ChannelType.ANTHROPIC;
import static io.llm402.domain.channel.api.ChannelType.AZURE;
import static io.llm402.domain.channel.api.ChannelType.COHERE;
import static io.llm402.domain.channel.api.ChannelType.CUSTOM;
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
 * Every client-facing API call the gateway relays: the caller's wire format, whether it is billed, and the one answer
 * to "which channel types serve it": those that speak it natively, and those reached through a conversion (Claude
 * Messages and Responses to Chat, then Chat to Claude or Gemini; see {@code convert}).
 */
public enum Operation {
    CHAT_COMPLETIONS(WireFormat.OPENAI, true, EnumSet.of(OPENAI, OPENAI_COMPATIBLE, CUSTOM, AZURE, DEEPSEEK),
            EnumSet.of(ANTHROPIC, GEMINI)),
    COMPLETIONS(WireFormat.OPENAI, true, EnumSet.of(OPENAI, OPENAI_COMPATIBLE, AZURE),
            EnumSet.noneOf(ChannelType.class)),
    RESPONSES(WireFormat.OPENAI, true, EnumSet.of(OPENAI, AZURE), EnumSet.of(OPENAI_COMPATIBLE, CUSTOM, DEEPSEEK,
            ANTHROPIC, GEMINI)),
    EMBEDDINGS(WireFormat.OPENAI, true, EnumSet.of(OPENAI, OPENAI_COMPATIBLE, AZURE, JINA),
            EnumSet.noneOf(ChannelType.class)),
    RERANK_V1(WireFormat.OPENAI, true, EnumSet.of(COHERE, JINA), EnumSet.noneOf(ChannelType.class)),
    RERANK_V2(WireFormat.OPENAI, true, EnumSet.of(COHERE, JINA), EnumSet.noneOf(ChannelType.class)),
    CLAUDE_MESSAGES(WireFormat.CLAUDE, true, EnumSet.of(ANTHROPIC), EnumSet.of(OPENAI, OPENAI_COMPATIBLE, CUSTOM, AZURE,
            DEEPSEEK, GEMINI)),
    CLAUDE_COUNT_TOKENS(WireFormat.CLAUDE, false, EnumSet.of(ANTHROPIC), EnumSet.noneOf(ChannelType.class)),
    GEMINI_GENERATE(WireFormat.GEMINI, true, EnumSet.of(GEMINI), EnumSet.noneOf(ChannelType.class)),
    GEMINI_COUNT_TOKENS(WireFormat.GEMINI, false, EnumSet.of(GEMINI), EnumSet.noneOf(ChannelType.class)),
    GEMINI_EMBED(WireFormat.GEMINI, true, EnumSet.of(GEMINI), EnumSet.noneOf(ChannelType.class)),
    GEMINI_BATCH_EMBED(WireFormat.GEMINI, true, EnumSet.of(GEMINI), EnumSet.noneOf(ChannelType.class));

    private final WireFormat format;
    private final boolean billed;
    private final Set<ChannelType> servedBy;
    private final Set<ChannelType> convertedFor;

    Operation(WireFormat format, boolean billed, Set<ChannelType> servedBy, Set<ChannelType> convertedFor) {
        this.format = format;
        this.billed = billed;
        this.servedBy = servedBy;
        this.convertedFor = convertedFor;
    }

    public WireFormat format() {
        return format;
    }

    /** Token counting is free; everything else is reserved, charged and posted to the ledger. */
    public boolean billed() {
        return billed;
    }

    /** Whether a channel of this type speaks the API natively. */
    public boolean servedBy(ChannelType type) {
        return servedBy.contains(type);
    }

    /** Whether a channel of this type can serve the API, natively or through a conversion. */
    public boolean serves(ChannelType type) {
        return servedBy.contains(type) || convertedFor.contains(type);
    }
}
