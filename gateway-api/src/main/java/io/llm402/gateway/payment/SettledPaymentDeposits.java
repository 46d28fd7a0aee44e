package io.llm402.gateway.payment;

import io.llm402.domain.payment.api.PaymentSettledEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Every settled payment becomes a deposit, even when the node that settled it died before depositing: this processor
 * follows the settled events and deposits each (the wallet ignores a payment it already holds). A failure is retried
 * by the processor, so the money that moved on chain always reaches the ledger.
 */
@Component
@ProcessingGroup(SettledPaymentDeposits.PROCESSING_GROUP)
class SettledPaymentDeposits {

    static final String PROCESSING_GROUP = "x402-deposits";

    private final CommandGateway commands;

    SettledPaymentDeposits(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(PaymentSettledEvent event) {
        commands.sendAndWait(PaymentDesk.deposit(event.paymentId(), event.userId(), event.amountNanoUsd(),
                event.purpose()));
    }
}
