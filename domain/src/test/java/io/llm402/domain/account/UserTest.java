package io.llm402.domain.account;

import io.llm402.domain.account.api.DefineUserCommand;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.ProvisionRootUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.SetUserStatusCommand;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserEnabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String ID = "u-1";
    private static final UserProfile ALICE = new UserProfile("alice", Role.USER, "default");

    /** Reversible stand-in for BCrypt so expected events can be written down. */
    private static final PasswordHasher HASHER = new PasswordHasher() {
        @Override
        public String hash(String raw) {
            return "hash(" + raw + ")";
        }

        @Override
        public boolean matches(String raw, String hash) {
            return hash(raw).equals(hash);
        }
    };

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(HASHER);
    }

    @Test
    void definingANewUserRegistersItAndSetsItsPassword() {
        fixture.givenNoPriorActivity()
                .when(new DefineUserCommand(ID, ALICE, "secret"))
                .expectEvents(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(secret)"))
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void definingAnEqualUserAppendsNothing() {
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(secret)"))
                .when(new DefineUserCommand(ID, ALICE, "secret"))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void aChangedGroupChangesTheProfileOnly() {
        UserProfile vip = new UserProfile("alice", Role.USER, "vip");
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(secret)"))
                .when(new DefineUserCommand(ID, vip, "secret"))
                .expectEvents(new UserProfileChangedEvent(ID, vip))
                .expectResultMessagePayload(DefinitionOutcome.CHANGED);
    }

    @Test
    void withoutAPasswordTheCurrentOneIsKept() {
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(secret)"))
                .when(new DefineUserCommand(ID, ALICE, null))
                .expectNoEvents();
    }

    @Test
    void aNewPasswordIsHashed() {
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(secret)"))
                .when(new DefineUserCommand(ID, ALICE, "other"))
                .expectEvents(new UserPasswordSetEvent(ID, "hash(other)"));
    }

    @Test
    void rootIsProvisionedOnlyOnce() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionRootUserCommand("r", "root", "pw"))
                .expectEvents(new UserRegisteredEvent("r", new UserProfile("root", Role.ROOT, "default")),
                        new UserPasswordSetEvent("r", "hash(pw)"))
                .expectResultMessagePayload(true);
        fixture.given(new UserRegisteredEvent("r", new UserProfile("root", Role.ROOT, "default")))
                .when(new ProvisionRootUserCommand("r", "root", "another"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aDisabledUserIsRecordedOnce() {
        fixture.given(new UserRegisteredEvent(ID, ALICE))
                .when(new SetUserStatusCommand(ID, false))
                .expectEvents(new UserDisabledEvent(ID));
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserDisabledEvent(ID))
                .when(new SetUserStatusCommand(ID, false))
                .expectNoEvents();
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserDisabledEvent(ID))
                .when(new SetUserStatusCommand(ID, true))
                .expectEvents(new UserEnabledEvent(ID));
    }

    @Test
    void commandsNeverPrintPasswords() {
        org.assertj.core.api.Assertions.assertThat(new DefineUserCommand(ID, ALICE, "secret").toString())
                .doesNotContain("secret");
    }
}
