package io.llm402.domain.account.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A TOTP secret (sealed) and backup codes (hashed) were set up; not yet in force. */
@Revision("1")
public record TwoFactorSetUpEvent(String userId, String sealedSecret, List<String> backupCodeHashes) {
}
