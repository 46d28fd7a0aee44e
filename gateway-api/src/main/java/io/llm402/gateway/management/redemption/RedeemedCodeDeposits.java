package io.llm402.gateway.management.redemption;

import io.llm402.domain.ledger.api.CreditWalletCommand;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.redemption.api.RedemptionCodeRedeemedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Every redeemed code reaches its user's wallet, even when the node that took the redemption died before crediting
 * it: this processor follows the redemptions and credits each (the wallet ignores a transfer it already holds).
 */
@Component
@ProcessingGroup(RedeemedCodeDeposits.PROCESSING_GROUP)
class RedeemedCodeDeposits {

    static final String PROCESSING_GROUP = "redemption-deposits";

    private final CommandGateway commands;

    RedeemedCodeDeposits(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(RedemptionCodeRedeemedEvent event) {
        commands.sendAndWait(credit(event.codeId(), event.userId(), event.amountNanoUsd()));
    }

    static CreditWalletCommand credit(String codeId, String userId, long amountNanoUsd) {
        return new CreditWalletCommand(userId, "redemption:" + codeId, amountNanoUsd, TransferCode.REDEMPTION);
    }
}
