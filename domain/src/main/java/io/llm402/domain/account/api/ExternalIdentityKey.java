package io.llm402.domain.account.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Who a provider says someone is: its permanent subject (GitHub's and LINUX DO's numeric id, Telegram's id, OIDC's
 * {@code sub}) within an issuer (the OIDC issuer; the provider's name for the others). Never a name that can change.
 */
public record ExternalIdentityKey(ExternalProvider provider, String issuer, String subject) {

    public ExternalIdentityKey {
        if (issuer.isBlank() || subject.isBlank()) {
            throw new IllegalArgumentException("an external identity needs an issuer and a subject");
        }
    }

    /** A key outside OIDC, whose issuer is the provider itself. */
    public static ExternalIdentityKey of(ExternalProvider provider, String subject) {
        return new ExternalIdentityKey(provider, provider.wireName(), subject);
    }

    /** The identity's aggregate id: one per (provider, issuer, subject), so two users can never hold it. */
    public String identityId() {
        String natural = provider.wireName() + "\n" + issuer + "\n" + subject;
        return "identity:" + UUID.nameUUIDFromBytes(natural.getBytes(StandardCharsets.UTF_8));
    }
}
