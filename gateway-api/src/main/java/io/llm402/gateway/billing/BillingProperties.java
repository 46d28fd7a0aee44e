package io.llm402.gateway.billing;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trancheUsd             the least a token's allowance takes from the wallet at a time (more for requests
 *                               that may cost more: a tranche holds several of them)
 * @param commitWindow           how long the group commit waits to gather a batch
 * @param maxBatchEvents         upper bound of events per batch
 * @param defaultMaxOutputTokens output tokens reserved when a request sets no {@code max_tokens}
 * @param reservationTimeout     a reservation still pending after this long is expired without a charge
 */
@ConfigurationProperties("llm402.billing")
public record BillingProperties(@DefaultValue("1.00") BigDecimal trancheUsd,
                                @DefaultValue("2ms") Duration commitWindow,
                                @DefaultValue("2000") int maxBatchEvents,
                                @DefaultValue("4096") long defaultMaxOutputTokens,
                                @DefaultValue("6h") Duration reservationTimeout) {
}
