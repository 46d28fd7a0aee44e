package io.llm402.domain.channel.api;

/** The kind of upstream a channel talks to, by the wire name operators write in configuration. */
public enum ChannelType {
    OPENAI("openai"),
    AZURE("azure"),
    ANTHROPIC("anthropic"),
    GEMINI("gemini"),
    DEEPSEEK("deepseek"),
    COHERE("cohere"),
    JINA("jina"),
    OPENAI_COMPATIBLE("openai-compatible"),
    /** An OpenAI-format chat endpoint at a full URL of its own, {@code {model}} standing for the model (new-api's 8). */
    CUSTOM("custom");

    private final String wireName;

    ChannelType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ChannelType fromWireName(String name) {
        for (ChannelType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown channel type '" + name
                + "' (expected openai, azure, anthropic, gemini, deepseek, cohere, jina, openai-compatible or custom)");
    }
}
