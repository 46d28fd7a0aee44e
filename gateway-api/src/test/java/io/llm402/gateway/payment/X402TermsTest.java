package io.llm402.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.gateway.x402.PaymentRequirements;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class X402TermsTest {

    private static final String ASSET = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    private static final String PAY_TO = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    private static X402Terms terms(String margin) {
        return new X402Terms("eip155:84532", ASSET, "USDC", "2", 6, PAY_TO, 300, new BigDecimal(margin), 84532);
    }

    @Test
    void aMaximumCostIsRoundedUpToTheNextAtomicUnit() {
        // 1 atomic USDC unit is 1,000 nano-USD: 1,001 nano-USD needs 2 units, 1,000 exactly one.
        assertThat(terms("0").forMaximumCost(1_001).amount()).isEqualTo("2");
        assertThat(terms("0").forMaximumCost(1_000).amount()).isEqualTo("1");
        assertThat(terms("0").forMaximumCost(1).amount()).isEqualTo("1");
    }

    @Test
    void theMarginIsAddedBeforeRounding() {
        // $0.01 plus 5 % is $0.0105 = 10,500 units.
        assertThat(terms("0.05").forMaximumCost(10_000_000).amount()).isEqualTo("10500");
    }

    @Test
    void theSameCostAlwaysGivesEqualTermsSoAPaidRetryMatches() {
        PaymentRequirements first = terms("0.05").forMaximumCost(123_456_789);
        PaymentRequirements again = terms("0.05").forMaximumCost(123_456_789);
        assertThat(again).isEqualTo(first);
        assertThat(first.scheme()).isEqualTo("exact");
        assertThat(first.network()).isEqualTo("eip155:84532");
        assertThat(first.payTo()).isEqualTo(PAY_TO);
        assertThat(first.maxTimeoutSeconds()).isEqualTo(300);
        assertThat(first.extra()).containsEntry("name", "USDC").containsEntry("version", "2");
    }

    @Test
    void aTopUpIsForExactlyItsAmount() {
        assertThat(terms("0.05").forExactly(5_000_000_000L).amount()).isEqualTo("5000000");
        assertThatThrownBy(() -> terms("0").forExactly(1_500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> terms("0").forExactly(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atomicUnitsConvertToNanoUsdExactly() {
        assertThat(terms("0").nanoUsd("10500")).isEqualTo(10_500_000L);
    }

    @Test
    void theSigningDomainIsTheConfiguredOne() {
        assertThat(terms("0").domain().name()).isEqualTo("USDC");
        assertThat(terms("0").domain().version()).isEqualTo("2");
        assertThat(terms("0").domain().chainId()).isEqualTo(84532);
        assertThat(terms("0").domain().verifyingContract()).isEqualTo(ASSET);
    }
}
