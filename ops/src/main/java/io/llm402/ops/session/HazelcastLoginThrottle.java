package io.llm402.ops.session;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.llm402.gateway.management.auth.LoginThrottle;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts login attempts per client address and per account in fixed windows held in a Hazelcast map, so every node
 * counts the same attempts. Each attempt is counted atomically on the member that owns the key; a successful login
 * gives its attempt back and clears the account's count, so only failures use up the budget.
 */
public class HazelcastLoginThrottle implements LoginThrottle {

    private final IMap<String, Window> windows;
    private final int perAddress;
    private final int perAccount;
    private final Duration window;

    public HazelcastLoginThrottle(IMap<String, Window> windows, int perAddress, int perAccount, Duration window) {
        this.windows = windows;
        this.perAddress = perAddress;
        this.perAccount = perAccount;
        this.window = window;
    }

    /** The attempts counted in one window, and when it ends. */
    public record Window(int count, long endsAtMillis) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    @Override
    public boolean tryAttempt(String clientAddress, String login) {
        int byAddress = windows.executeOnKey(addressKey(clientAddress), new Count(1, window.toMillis()));
        int byAccount = windows.executeOnKey(accountKey(login), new Count(1, window.toMillis()));
        return byAddress <= perAddress && byAccount <= perAccount;
    }

    @Override
    public void succeeded(String clientAddress, String login) {
        windows.executeOnKey(addressKey(clientAddress), new Count(-1, window.toMillis()));
        windows.delete(accountKey(login));
    }

    private static String addressKey(String clientAddress) {
        return "address:" + clientAddress;
    }

    private static String accountKey(String login) {
        return "account:" + login.toLowerCase(Locale.ROOT);
    }

    /** Adds to the window's count, opening a new window when there is none; the entry expires with its window. */
    record Count(int add, long windowMillis) implements EntryProcessor<String, Window, Integer> {

        @Override
        public Integer process(Map.Entry<String, Window> entry) {
            long now = System.currentTimeMillis();
            Window current = entry.getValue();
            Window next = current == null || current.endsAtMillis() <= now
                    ? new Window(Math.max(0, add), now + windowMillis)
                    : new Window(Math.max(0, current.count() + add), current.endsAtMillis());
            long ttl = Math.max(1, next.endsAtMillis() - now);
            ((ExtendedMapEntry<String, Window>) entry).setValue(next, ttl, TimeUnit.MILLISECONDS);
            return next.count();
        }
    }
}
