package io.llm402.ops.config;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's settings, bound from the environment variables of DESIGN §5 through {@code application.yml}.
 *
 * @param dataDir          where the embedded database and local files live ({@code LLM402_DATA_DIR})
 * @param sqlDsn           remote database in new-api's forms or as a JDBC URL ({@code SQL_DSN}); blank = SQLite
 * @param bootstrap        YAML file applied at start ({@code LLM402_BOOTSTRAP})
 * @param sessionSecret    signs login sessions ({@code SESSION_SECRET})
 * @param cryptoSecret     seals channel keys and digests token keys ({@code CRYPTO_SECRET})
 * @param hazelcastMembers cluster members to join over TCP-IP ({@code HAZELCAST_MEMBERS})
 * @param hazelcastPort    the port this node's Hazelcast member listens on
 * @param hazelcastInterface the address this node's member binds and announces in a cluster
 *                         ({@code HAZELCAST_INTERFACE}); blank = the first member address of this host
 */
@ConfigurationProperties("llm402")
public record Llm402Properties(@DefaultValue("./data") Path dataDir, @Nullable String sqlDsn,
                               @Nullable Path bootstrap, @Nullable String sessionSecret,
                               @Nullable String cryptoSecret, @DefaultValue List<String> hazelcastMembers,
                               @DefaultValue("5701") int hazelcastPort, @Nullable String hazelcastInterface) {

    public boolean embeddedDatabase() {
        return sqlDsn == null || sqlDsn.isBlank();
    }

    public boolean clustered() {
        return hazelcastMembers.stream().anyMatch(member -> !member.isBlank());
    }
}
