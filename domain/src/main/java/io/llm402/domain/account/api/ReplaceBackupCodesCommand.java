package io.llm402.domain.account.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** New backup codes (hashed), given a TOTP code (a backup code does not do); answers a {@link SecondFactorOutcome}. */
public record ReplaceBackupCodesCommand(@TargetAggregateIdentifier String userId, String code, Instant at,
                                        List<String> backupCodeHashes) {

    public ReplaceBackupCodesCommand {
        backupCodeHashes = List.copyOf(backupCodeHashes);
    }

    @Override
    public String toString() {
        return "ReplaceBackupCodesCommand[userId=" + userId + "]";
    }
}
