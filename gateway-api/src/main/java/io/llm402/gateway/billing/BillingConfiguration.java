package io.llm402.gateway.billing;

import io.llm402.domain.ledger.api.LedgerSettings;
import io.llm402.domain.ledger.api.OpenAllowance;
import io.llm402.domain.ledger.api.OpenAllowances;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.projections.ledger.api.ListOpenAllowancesQuery;
import io.llm402.projections.ledger.api.OpenAllowanceView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the ledger's runtime (in the domain) needs from this deployment: its settings and the open allowances. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
public class BillingConfiguration {

    @Bean
    LedgerSettings ledgerSettings(NodeIdentity node, BillingProperties properties) {
        return new LedgerSettings(node.nodeId(), NanoUsd.fromUsd(properties.trancheUsd()), properties.commitWindow(),
                properties.maxBatchEvents(), properties.reservationTimeout());
    }

    /** The ledger book projection's open allowances of a node, for recovery. */
    @Bean
    OpenAllowances openAllowances(QueryGateway queries) {
        return nodeId -> queries.query(new ListOpenAllowancesQuery(nodeId),
                        ResponseTypes.multipleInstancesOf(OpenAllowanceView.class)).join().stream()
                .map(view -> new OpenAllowance(view.allowanceId(), view.userId(), view.tokenId(),
                        view.grantedNanoUsd()))
                .toList();
    }
}
