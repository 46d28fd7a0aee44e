package io.llm402.domain.channel;

import io.llm402.domain.channel.api.ChannelKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A channel's keys in order, each enabled or disabled (by an admin or automatically): the decisions about keys. */
final class KeyRing {

    /** A key's status. */
    enum Status { ENABLED, DISABLED_BY_ADMIN, DISABLED_AUTOMATICALLY }

    private final Map<String, Status> keys = new LinkedHashMap<>();

    void replace(List<ChannelKey> replacement) {
        keys.clear();
        add(replacement);
    }

    void add(List<ChannelKey> added) {
        for (ChannelKey key : added) {
            keys.putIfAbsent(key.fingerprint(), Status.ENABLED);
        }
    }

    void remove(List<String> fingerprints) {
        fingerprints.forEach(keys::remove);
    }

    void set(String fingerprint, Status status) {
        keys.computeIfPresent(fingerprint, (f, old) -> status);
    }

    boolean contains(String fingerprint) {
        return keys.containsKey(fingerprint);
    }

    Status status(String fingerprint) {
        return keys.getOrDefault(fingerprint, Status.DISABLED_BY_ADMIN);
    }

    Set<String> fingerprints() {
        return keys.keySet();
    }

    boolean anyEnabled() {
        return keys.containsValue(Status.ENABLED);
    }

    /** The given keys not already here, in order, each once. */
    List<ChannelKey> notYetHeld(List<ChannelKey> candidates) {
        return distinct(candidates).stream().filter(key -> !keys.containsKey(key.fingerprint())).toList();
    }

    /** Each key once (by fingerprint), in the order given. */
    static List<ChannelKey> distinct(List<ChannelKey> candidates) {
        Map<String, ChannelKey> byFingerprint = new LinkedHashMap<>();
        candidates.forEach(key -> byFingerprint.putIfAbsent(key.fingerprint(), key));
        return List.copyOf(byFingerprint.values());
    }

    /** Keys named by {@code fingerprints} (all keys when empty) whose status a change to {@code enabled} would alter. */
    List<String> toChange(List<String> fingerprints, boolean enabled, boolean automatic) {
        List<String> named = fingerprints.isEmpty() ? List.copyOf(keys.keySet()) : fingerprints;
        List<String> changed = new ArrayList<>();
        for (String fingerprint : named) {
            Status status = keys.get(fingerprint);
            if (status == null) {
                throw new IllegalArgumentException("the channel has no such key");
            }
            boolean change = enabled
                    ? status == Status.DISABLED_AUTOMATICALLY || status == Status.DISABLED_BY_ADMIN && !automatic
                    : status == Status.ENABLED;
            if (change && !changed.contains(fingerprint)) {
                changed.add(fingerprint);
            }
        }
        return changed;
    }

    /** Keys that {@code fingerprints} (or, with {@code disabledOnly} and no names, every disabled key) remove. */
    List<String> toRemove(List<String> fingerprints, boolean disabledOnly) {
        List<String> named = fingerprints.isEmpty() && disabledOnly ? List.copyOf(keys.keySet()) : fingerprints;
        List<String> removed = new ArrayList<>();
        for (String fingerprint : named) {
            Status status = keys.get(fingerprint);
            if (status == null) {
                throw new IllegalArgumentException("the channel has no such key");
            }
            if ((!disabledOnly || status != Status.ENABLED) && !removed.contains(fingerprint)) {
                removed.add(fingerprint);
            }
        }
        if (removed.size() == keys.size() && !removed.isEmpty()) {
            throw new IllegalArgumentException("a channel keeps at least one key: add another before removing this "
                    + "one, or delete the channel");
        }
        return removed;
    }
}
