package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A facilitator's {@code /settle} answer, and the content of the {@code PAYMENT-RESPONSE} header.
 *
 * @param errorReason a machine code when it failed; {@code settlement_pending} means broadcast but not yet confirmed
 * @param transaction the transaction hash; empty on failure
 * @param amount the amount actually settled, when the facilitator reports it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SettlementResponse(@JsonProperty(required = true) boolean success, @Nullable String errorReason,
                                 @Nullable String errorMessage, @Nullable String payer, String transaction,
                                 String network, @Nullable String amount) {

    // Jackson passes null for absent fields, whatever the nullness annotations say.
    public SettlementResponse {
        // Both are required by the spec, but facilitators are known to drop them from failure answers; a failure is
        // still a failure without them, so an absent value reads as empty instead of making the answer unreadable.
        transaction = transaction == null ? "" : transaction;
        network = network == null ? "" : network;
    }

    public static SettlementResponse failure(String errorReason, String network) {
        return new SettlementResponse(false, errorReason, null, null, "", network, null);
    }

    /** Non-terminal: the transfer was broadcast but its receipt has not been seen yet; not settled, not failed. */
    public boolean pending() {
        return !success && Reasons.SETTLEMENT_PENDING.equals(errorReason);
    }
}
