package io.llm402.gateway.channels;

import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the relay's "this key is dead" into the channel's command, off the request path. Many requests failing on the
 * same key at once send one command: the aggregate would append nothing for the others anyway, and the catalog's
 * change signal takes the key out of every node's routing as soon as the event is projected.
 */
public class KeyDisabling {

    private static final Logger log = LoggerFactory.getLogger(KeyDisabling.class);
    private static final Duration RESEND_AFTER = Duration.ofSeconds(30);

    private final CommandGateway commands;
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();

    public KeyDisabling(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Disables one key of a channel (and so the channel, when it was its last), for {@code reason}. */
    public void disable(String channelId, String fingerprint, String reason) {
        long now = clock.millis();
        Long last = sentAt.get(fingerprint);
        if (last != null && now - last < RESEND_AFTER.toMillis()) {
            return;
        }
        sentAt.put(fingerprint, now);
        if (sentAt.size() > 10_000) {
            sentAt.clear();
        }
        commands.send(new SetChannelKeyStatusCommand(channelId, List.of(fingerprint), false, reason, true))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        sentAt.remove(fingerprint);
                        log.warn("Could not disable a key of channel {}: {}", channelId, failure.toString());
                    } else {
                        log.warn("Disabled a key of channel {} automatically: {}", channelId, reason);
                    }
                });
    }
}
