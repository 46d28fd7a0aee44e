package io.llm402.domain.account.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The backup codes were replaced by new ones (hashed). */
@Revision("1")
public record BackupCodesReplacedEvent(String userId, List<String> backupCodeHashes) {
}
