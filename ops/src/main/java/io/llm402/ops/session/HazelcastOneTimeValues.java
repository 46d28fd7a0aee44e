package io.llm402.ops.session;

import com.hazelcast.map.IMap;
import io.llm402.gateway.management.auth.OneTimeValues;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One-time values in a Hazelcast map: {@code putIfAbsent} on the owning member decides, so one node wins. */
public class HazelcastOneTimeValues implements OneTimeValues {

    private final IMap<String, Boolean> used;

    public HazelcastOneTimeValues(IMap<String, Boolean> used) {
        this.used = used;
    }

    @Override
    public boolean firstUse(String value, Duration remembered) {
        return used.putIfAbsent(value, Boolean.TRUE, remembered.toMillis(), TimeUnit.MILLISECONDS) == null;
    }
}
