package io.llm402.gateway.routing;

import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Which of a channel's enabled keys a request uses: uniformly at random, or each in turn. The turn is counted per
 * node, as in new-api with its memory cache: across a cluster every node walks the keys in order, which spreads load
 * as evenly without a network round trip per request.
 */
public final class KeyPicker {

    private final RandomGenerator random;
    private final ConcurrentHashMap<String, AtomicLong> turns = new ConcurrentHashMap<>();

    public KeyPicker(RandomGenerator random) {
        this.random = random;
    }

    public ChannelKey pick(ChannelView channel) {
        return pick(channel, List.of());
    }

    /** A key not among {@code excluded} (fingerprints) when there is one; the channel's keys are never all excluded. */
    public ChannelKey pick(ChannelView channel, List<String> excluded) {
        List<ChannelKey> keys = channel.keys();
        if (!excluded.isEmpty()) {
            keys = keys.stream().filter(key -> !excluded.contains(key.fingerprint())).toList();
            if (keys.isEmpty()) {
                keys = channel.keys();
            }
        }
        if (keys.size() == 1) {
            return keys.getFirst();
        }
        if (channel.keySelection() == KeySelection.ROUND_ROBIN) {
            long turn = turns.computeIfAbsent(channel.channelId(), id -> new AtomicLong()).getAndIncrement();
            return keys.get((int) Math.floorMod(turn, keys.size()));
        }
        return keys.get(random.nextInt(keys.size()));
    }
}
