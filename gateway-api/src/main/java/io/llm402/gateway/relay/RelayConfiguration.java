package io.llm402.gateway.relay;

import io.llm402.domain.ledger.api.UsageLedger;
import io.llm402.domain.shared.GroupCommit;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.billing.IdleMoneyRecall;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.limits.RequestLimits;
import io.llm402.gateway.payment.PaymentDesk;
import io.llm402.gateway.channels.KeyDisabling;
import io.llm402.gateway.routing.ChannelCircuits;
import io.llm402.gateway.routing.KeyPicker;
import io.llm402.gateway.routing.ChannelRouter;
import io.llm402.gateway.upstream.IdleTimeouts;
import io.llm402.gateway.upstream.UpstreamClient;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayConfiguration.RelayProperties.class)
public class RelayConfiguration {

    /**
     * @param retries          further channels tried after a retryable failure (connect error, timeout before the
     *                         first byte, 429, 5xx)
     * @param connectTimeout   upstream TCP/TLS connect
     * @param firstByteTimeout until the upstream's response headers
     * @param idleTimeout      silence allowed between two pieces of an upstream body (a stream's chunks)
     * @param circuitFailures  channel faults in a row after which live traffic passes a channel over (0 = never)
     * @param circuitCoolDown  how long it is passed over before one request may try it again
     */
    @ConfigurationProperties("llm402.relay")
    public record RelayProperties(@DefaultValue("2") int retries, @DefaultValue("10s") Duration connectTimeout,
                                  @DefaultValue("120s") Duration firstByteTimeout,
                                  @DefaultValue("120s") Duration idleTimeout,
                                  @DefaultValue("5") int circuitFailures,
                                  @DefaultValue("30s") Duration circuitCoolDown) {
    }

    @Bean(destroyMethod = "close")
    IdleTimeouts idleTimeouts(RelayProperties properties) {
        return new IdleTimeouts(properties.idleTimeout());
    }

    @Bean(destroyMethod = "close")
    UpstreamClient upstreamClient(RelayProperties properties) {
        return new UpstreamClient(properties.connectTimeout(), properties.firstByteTimeout(),
                properties.idleTimeout());
    }

    @Bean
    RelayEngine relayEngine(TokenDirectory tokens, Catalog catalog, UsageLedger ledger, UpstreamClient upstream,
                            SecretBox secretBox, IdleTimeouts idleTimeouts, RelayProperties properties,
                            GroupCommit groupCommit, RequestLimits limits, IdleMoneyRecall idleMoney,
                            ObjectProvider<PaymentDesk> payments, KeyDisabling keyDisabling) {
        return new RelayEngine(tokens, catalog, ledger, new ChannelRouter(RandomGenerator.getDefault()),
                new ChannelAttempts(upstream, idleTimeouts, secretBox,
                        new ChannelCircuits(properties.circuitFailures(), properties.circuitCoolDown()),
                        new KeyPicker(RandomGenerator.getDefault()), keyDisabling),
                properties.retries(), Clock.systemUTC(), groupCommit, limits, idleMoney, payments.getIfAvailable());

    }
}
