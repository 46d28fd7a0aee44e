package io.llm402.ops.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.llm402.ops.axon.upcast.ApiTokenTermsR1ToR2;
import io.llm402.ops.axon.upcast.ChannelEventsR1ToR2;
import io.llm402.ops.axon.upcast.ChannelEventsR2ToR3;
import io.llm402.ops.axon.upcast.UsagePostedEventR1ToR2;
import io.llm402.ops.persistence.DatabaseKind;
import io.llm402.ops.persistence.SchemaMigrations;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's storage, explicitly: the JDBC event store and token store on the one DataSource (unless Axon Server is
 * configured), with the SQLite adaptations, and Jackson 2 for every message (Axon 4 needs Jackson 2; Boot 4 brings
 * Jackson 3 for the web).
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    /** The one mapper for events, commands and tokens: ISO timestamps, tolerant of fields added later. */
    public static ObjectMapper eventObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource, SchemaMigrations schema) {
        ConnectionProvider spring = new SpringDataSourceConnectionProvider(dataSource);
        ConnectionProvider provider = schema.kind() == DatabaseKind.SQLITE
                ? () -> SqliteJdbcCompat.wrap(spring.getConnection())
                : spring;
        return new UnitOfWorkAwareConnectionProviderWrapper(provider);
    }

    /** Every stored revision is read as the current one (one upcaster per revision step, oldest first). */
    public static EventUpcasterChain upcasters() {
        return new EventUpcasterChain(new UsagePostedEventR1ToR2(), new ApiTokenTermsR1ToR2(),
                new ChannelEventsR1ToR2(), new ChannelEventsR2ToR3());
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          Serializer serializer, PersistenceExceptionResolver resolver) {
        return JdbcEventStorageEngine.builder()
                .upcasterChain(upcasters())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(resolver)
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, SchemaMigrations schema) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(Duration.ofSeconds(10));
        return schema.kind() == DatabaseKind.SQLITE ? new SqliteTokenStore(builder) : builder.build();
    }
}
