package io.llm402.gateway.wire;

import io.llm402.domain.metering.api.CanonicalUsage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stream read in the upstream's format and written in the client's: the upstream meter finds usage, text and the
 * final event; the converter turns each upstream event into the client's events (zero or more); errors are written
 * in the client's format.
 */
public final class ConvertingMeter implements StreamMeter {

    private final StreamMeter upstream;
    private final Function<SseEvent, List<SseEvent>> converter;
    private final Function<String, byte[]> failure;

    public ConvertingMeter(StreamMeter upstream, Function<SseEvent, List<SseEvent>> converter,
                           Function<String, byte[]> failure) {
        this.upstream = upstream;
        this.converter = converter;
        this.failure = failure;
    }

    /** Chains two conversions (for two hops, or a conversion followed by thinking-to-content). */
    public static Function<SseEvent, List<SseEvent>> then(Function<SseEvent, List<SseEvent>> first,
                                                          Function<SseEvent, List<SseEvent>> second) {
        return event -> first.apply(event).stream().flatMap(converted -> second.apply(converted).stream()).toList();
    }

    @Override
    public Verdict inspect(SseEvent event) {
        return upstream.inspect(event);
    }

    @Override
    public byte[] frame(SseEvent event) {
        List<SseEvent> converted = converter.apply(event);
        if (converted.size() == 1) {
            return converted.getFirst().frame();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SseEvent clientEvent : converted) {
            out.writeBytes(clientEvent.frame());
        }
        return out.toByteArray();
    }

    @Override
    public @Nullable CanonicalUsage usage() {
        return upstream.usage();
    }

    @Override
    public String outputText() {
        return upstream.outputText();
    }

    @Override
    public boolean failed() {
        return upstream.failed();
    }

    @Override
    public byte[] failure(String message) {
        return failure.apply(message);
    }
}
