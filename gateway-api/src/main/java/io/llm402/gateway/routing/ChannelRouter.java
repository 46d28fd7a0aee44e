package io.llm402.gateway.routing;

import io.llm402.projections.catalog.api.ChannelView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The order in which a request tries its channels (new-api's semantics without its bugs, new-api-behaviour §4.1):
 * highest priority tier first; inside a tier a weighted random draw without replacement, so a retry never picks a
 * channel already tried and stays in the same tier until the tier is exhausted; then the next tier down. Weights are
 * taken as given (no "+10 smoothing"); a tier whose weights are all zero is drawn uniformly.
 */
public final class ChannelRouter {

    private final RandomGenerator random;

    public ChannelRouter(RandomGenerator random) {
        this.random = random;
    }

    /** At most {@code 1 + retries} channels, in the order to try them. */
    public List<ChannelView> attempts(List<ChannelView> candidates, int retries) {
        Map<Integer, List<ChannelView>> tiers = new TreeMap<>(Comparator.reverseOrder());
        for (ChannelView channel : candidates) {
            tiers.computeIfAbsent(channel.priority(), p -> new ArrayList<>()).add(channel);
        }
        List<ChannelView> order = new ArrayList<>();
        for (List<ChannelView> tier : tiers.values()) {
            List<ChannelView> left = new ArrayList<>(tier);
            while (!left.isEmpty() && order.size() <= retries) {
                order.add(left.remove(draw(left)));
            }
        }
        return order;
    }

    private int draw(List<ChannelView> tier) {
        long total = 0;
        for (ChannelView channel : tier) {
            total += Math.max(channel.weight(), 0);
        }
        if (total == 0) {
            return random.nextInt(tier.size());
        }
        long point = random.nextLong(total);
        for (int i = 0; i < tier.size(); i++) {
            point -= Math.max(tier.get(i).weight(), 0);
            if (point < 0) {
                return i;
            }
        }
        return tier.size() - 1;
    }
}
