package io.llm402.ops.session;

import com.hazelcast.map.IMap;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.session.UuidSessionIdGenerator;

/**
 * Login sessions in a Hazelcast map, so any node serves any login and a logout ends it on all of them (Spring
 * Session has no Hazelcast module for Boot 4; identity.md §4.3). The map key is an HMAC of the cookie's value under
 * {@code SESSION_SECRET}: the cluster's memory never holds a usable cookie. The map entry's time-to-live is the
 * session's inactivity limit, renewed at every save.
 */
public class HazelcastSessionRepository implements SessionRepository<MapSession> {

    private final IMap<String, MapSession> sessions;
    private final SecretKeySpec keyKey;
    private final Duration maxInactive;

    public HazelcastSessionRepository(IMap<String, MapSession> sessions, String sessionSecret, Duration maxInactive) {
        this.sessions = sessions;
        this.keyKey = new SecretKeySpec(("llm402 session key v1:" + sessionSecret).getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
        this.maxInactive = maxInactive;
    }

    @Override
    public MapSession createSession() {
        MapSession session = new MapSession();
        session.setMaxInactiveInterval(maxInactive);
        return session;
    }

    @Override
    public void save(MapSession session) {
        if (!session.getId().equals(session.getOriginalId())) {
            sessions.delete(key(session.getOriginalId()));
        }
        sessions.set(key(session.getId()), new MapSession(session), maxInactive.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public @Nullable MapSession findById(String id) {
        MapSession session = sessions.get(key(id));
        if (session == null) {
            return null;
        }
        if (session.isExpired()) {
            sessions.delete(key(id));
            return null;
        }
        // Not serialised with the session: without it, changing the id of a session read back here would fail.
        session.setSessionIdGenerator(UuidSessionIdGenerator.getInstance());
        return session;
    }

    @Override
    public void deleteById(String id) {
        sessions.delete(key(id));
    }

    private String key(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keyKey);
            return HexFormat.of().formatHex(mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
