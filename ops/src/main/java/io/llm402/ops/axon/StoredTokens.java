package io.llm402.ops.axon;

import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a processor's positions from the shared token store without claiming anything: how far the read model is,
 * whichever node of the cluster runs the processor.
 */
@Component
public class StoredTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    StoredTokens(DataSource dataSource, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.serializer = serializer;
    }

    /** One segment's claim and position, as stored. */
    public record Segment(String processorName, int segment, @Nullable String owner, long position) {
    }

    /** Every processor's segments: who holds each claim and how far it is. */
    public List<Segment> segments() {
        return jdbc.query("SELECT processorName, segment, owner, token, tokenType FROM TokenEntry "
                + "ORDER BY processorName, segment", (rs, row) -> {
                    byte[] token = rs.getBytes(4);
                    String type = rs.getString(5);
                    TrackingToken tracking = token == null || type == null ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                    return new Segment(rs.getString(1), rs.getInt(2), rs.getString(3),
                            tracking == null ? -1 : tracking.position().orElse(-1));
                });
    }

    /** The lowest position of the processor's segments; empty while it has no segment or one has no token yet. */
    public OptionalLong lowestPosition(String processorName) {
        List<@Nullable TrackingToken> tokens = jdbc.query(
                "SELECT token, tokenType FROM TokenEntry WHERE processorName = ?", (rs, row) -> {
                    byte[] token = rs.getBytes(1);
                    String type = rs.getString(2);
                    return token == null || type == null ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                }, processorName);
        if (tokens.isEmpty() || tokens.contains(null)) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            lowest = Math.min(lowest, token.position().orElse(-1));
        }
        return OptionalLong.of(lowest);
    }
}
