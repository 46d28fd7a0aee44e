package io.llm402.domain.account;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.BindExternalIdentityCommand;
import io.llm402.domain.account.api.ExternalIdentityBoundEvent;
import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalIdentityUnboundEvent;
import io.llm402.domain.account.api.ExternalLoginRefusedEvent;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.RecordExternalLoginCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UnbindExternalIdentityCommand;
import io.llm402.domain.account.api.UserManagementRefusedException;
import io.llm402.domain.shared.DefinitionOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalIdentityTest {

    private static final ExternalIdentityKey GITHUB = ExternalIdentityKey.of(ExternalProvider.GITHUB, "583231");
    private static final String ID = GITHUB.identityId();
    private static final Actor ALICE = new Actor("u-alice", Role.USER);

    private AggregateTestFixture<ExternalIdentity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExternalIdentity.class);
    }

    @Test
    void aFreeIdentityIsBoundAndBindingItAgainChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(new BindExternalIdentityCommand(GITHUB, "u-alice", "alice-gh", ALICE))
                .expectEvents(new ExternalIdentityBoundEvent(ID, GITHUB, "u-alice", "alice-gh"))
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
        fixture.given(new ExternalIdentityBoundEvent(ID, GITHUB, "u-alice", "alice-gh"))
                .when(new BindExternalIdentityCommand(GITHUB, "u-alice", "renamed", ALICE))
                .expectNoEvents();
    }

    @Test
    void anIdentityHeldByAnotherUserIsNeverMoved() {
        fixture.given(new ExternalIdentityBoundEvent(ID, GITHUB, "u-bob", "bob-gh"))
                .when(new BindExternalIdentityCommand(GITHUB, "u-alice", "alice-gh", ALICE))
                .expectException(UserManagementRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void theUserOrAnAdminUnbindsItAndThenAnotherUserMayBindIt() {
        fixture.given(new ExternalIdentityBoundEvent(ID, GITHUB, "u-alice", "alice-gh"))
                .when(new UnbindExternalIdentityCommand(ID, "u-alice", new Actor("u-mallory", Role.USER)))
                .expectException(UserManagementRefusedException.class);
        fixture.given(new ExternalIdentityBoundEvent(ID, GITHUB, "u-alice", "alice-gh"))
                .when(new UnbindExternalIdentityCommand(ID, "u-alice", new Actor("u-admin", Role.ADMIN)))
                .expectEvents(new ExternalIdentityUnboundEvent(ID, GITHUB, "u-alice", "u-admin"));
        fixture.given(new ExternalIdentityBoundEvent(ID, GITHUB, "u-alice", "alice-gh"),
                        new ExternalIdentityUnboundEvent(ID, GITHUB, "u-alice", "u-alice"))
                .when(new BindExternalIdentityCommand(GITHUB, "u-bob", "bob-gh", new Actor("u-bob", Role.USER)))
                .expectEvents(new ExternalIdentityBoundEvent(ID, GITHUB, "u-bob", "bob-gh"));
    }

    @Test
    void aRefusedLoginOfAnUnknownIdentityIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(RecordExternalLoginCommand.refused(GITHUB, "registration is closed"))
                .expectEvents(new ExternalLoginRefusedEvent(ID, GITHUB, "registration is closed"));
    }
}
