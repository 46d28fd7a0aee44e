package io.llm402.domain.account.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts setting up TOTP: a new secret (sealed) and backup codes (hashed); not in force until enabled with a code.
 * Refused while a second factor is enabled.
 */
public record SetUpTwoFactorCommand(@TargetAggregateIdentifier String userId, String sealedSecret,
                                    List<String> backupCodeHashes) {

    public SetUpTwoFactorCommand {
        backupCodeHashes = List.copyOf(backupCodeHashes);
    }

    @Override
    public String toString() {
        return "SetUpTwoFactorCommand[userId=" + userId + "]";
    }
}
