package io.llm402.gateway.payment;

import io.llm402.domain.shared.GroupCommit;
import io.llm402.gateway.x402.ExactEvmVerifier;
import io.llm402.gateway.x402.FacilitatorClient;
import io.llm402.gateway.x402.FacilitatorException;
import io.llm402.gateway.x402.Networks;
import io.llm402.gateway.x402.X402Exception;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(X402Properties.class)
public class PaymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentConfiguration.class);
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    /** Client and server clocks differ; a validBefore this far past our own limit is still accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final String BASE_SEPOLIA_USDC = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";

    @Bean
    @ConditionalOnProperty(name = "llm402.x402.enabled", havingValue = "true")
    PaymentDesk paymentDesk(X402Properties properties, CommandGateway commands, GroupCommit groupCommit) {
        if (properties.payTo() == null || !ADDRESS.matcher(properties.payTo()).matches()) {
            throw new IllegalStateException("x402 is enabled but LLM402_X402_PAY_TO is not an address (0x and 40 hex "
                    + "digits)");
        }
        if (!ADDRESS.matcher(properties.asset()).matches()) {
            throw new IllegalStateException("LLM402_X402_ASSET is not a token address (0x and 40 hex digits)");
        }
        if (properties.asset().equalsIgnoreCase(BASE_SEPOLIA_USDC) && !"eip155:84532".equals(properties.network())) {
            // The default asset and its EIP-712 name belong to Base Sepolia: on another network every signature
            // would silently fail to verify.
            throw new IllegalStateException("LLM402_X402_NETWORK is " + properties.network() + " but the asset is "
                    + "Base Sepolia's USDC: set LLM402_X402_ASSET, LLM402_X402_ASSET_NAME and LLM402_X402_ASSET_VERSION "
                    + "for that network");
        }
        long chainId;
        try {
            chainId = Networks.chainId(properties.network());
        } catch (X402Exception e) {
            throw new IllegalStateException("LLM402_X402_NETWORK must be an EVM network such as eip155:8453", e);
        }
        X402Terms terms = new X402Terms(properties.network(), properties.asset(), properties.assetName(),
                properties.assetVersion(), properties.assetDecimals(), properties.payTo(),
                properties.maxTimeoutSeconds(), properties.priceMargin(), chainId);
        String authorization = properties.facilitatorAuthorization();
        FacilitatorClient facilitator = new FacilitatorClient(URI.create(properties.facilitatorUrl()),
                authorization == null ? null : "Authorization", authorization, properties.facilitatorTimeout());
        checkSupportedInBackground(facilitator, properties.network());
        return new PaymentDesk(terms, new ExactEvmVerifier(properties.validBeforeMargin(), CLOCK_SKEW), facilitator,
                commands, groupCommit, Clock.systemUTC(), properties.group(), properties.publicUrl());
    }

    /**
     * The reference servers refuse to start when the facilitator does not support their scheme and network; a gateway
     * should still serve API keys, so this only warns, and does not delay the start.
     */
    private static void checkSupportedInBackground(FacilitatorClient facilitator, String network) {
        Thread.ofVirtual().name("x402-supported-check").start(() -> {
            try {
                if (!facilitator.supported().supports(2, "exact", network)) {
                    log.warn("The x402 facilitator does not list scheme 'exact' on {} (x402 version 2); payments will "
                            + "fail until it does", network);
                }
            } catch (FacilitatorException e) {
                log.warn("The x402 facilitator could not be asked what it supports: {}", e.getMessage());
            }
        });
    }
}
