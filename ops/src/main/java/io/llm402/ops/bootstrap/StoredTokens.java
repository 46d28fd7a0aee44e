package io.llm402.ops.bootstrap;

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
