package io.llm402.domain.account;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.BackupCodeUsedEvent;
import io.llm402.domain.account.api.DefineUserCommand;
import io.llm402.domain.account.api.EditUserCommand;
import io.llm402.domain.account.api.ImportUserCommand;
import io.llm402.domain.account.api.ImportedAccount;
import io.llm402.domain.account.api.ManageUserCommand;
import io.llm402.domain.account.api.ManagedUser;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.ProvisionRootUserCommand;
import io.llm402.domain.account.api.RegisterUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.SecondFactorCodes;
import io.llm402.domain.account.api.SecondFactorOutcome;
import io.llm402.domain.account.api.SetUserStatusCommand;
import io.llm402.domain.account.api.TwoFactorCodeAcceptedEvent;
import io.llm402.domain.account.api.TwoFactorDisabledEvent;
import io.llm402.domain.account.api.TwoFactorEnabledEvent;
import io.llm402.domain.account.api.TwoFactorFailedEvent;
import io.llm402.domain.account.api.TwoFactorLockedEvent;
import io.llm402.domain.account.api.TwoFactorSetUpEvent;
import io.llm402.domain.account.api.UserAction;
import io.llm402.domain.account.api.UserDeletedEvent;
import io.llm402.domain.account.api.UserDetailsChangedEvent;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserEnabledEvent;
import io.llm402.domain.account.api.UserImportedEvent;
import io.llm402.domain.account.api.UserManagementRefusedException;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.domain.account.api.VerifySecondFactorCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
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

    private static final ImportedAccount FROM_NEW_API = new ImportedAccount("new-api", 7, 2_000_000_000L, 42);

    private static ImportUserCommand importAlice(String hash, boolean enabled) {
        return new ImportUserCommand(ID, ALICE, "Alice", "alice@example.com", hash, enabled, FROM_NEW_API);
    }

    @Test
    void importingAUserKeepsTheSourcesHashItsDetailsStatusAndHistory() {
        fixture.givenNoPriorActivity()
                .when(importAlice("$2a$10$source", false))
                .expectEvents(new UserRegisteredEvent(ID, ALICE), new UserImportedEvent(ID, FROM_NEW_API),
                        new UserPasswordSetEvent(ID, "$2a$10$source"),
                        new UserDetailsChangedEvent(ID, "Alice", "alice@example.com"), new UserDisabledEvent(ID))
                .expectResultMessagePayload(DefinitionOutcome.CREATED);
    }

    @Test
    void importingTheSameUserAgainAppendsNothingAndKeepsAPasswordChangedSince() {
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserImportedEvent(ID, FROM_NEW_API),
                        new UserPasswordSetEvent(ID, "$2a$10$source"),
                        new UserDetailsChangedEvent(ID, "Alice", "alice@example.com"),
                        new UserPasswordSetEvent(ID, "hash(changed-here)"))
                .when(importAlice("$2a$10$source", true))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    @Test
    void importingOntoAnAccountThatWasNotImportedTakesTheSourcesPasswordOnce() {
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(root-password)"))
                .when(importAlice("$2a$10$source", true))
                .expectEvents(new UserImportedEvent(ID, FROM_NEW_API), new UserPasswordSetEvent(ID, "$2a$10$source"),
                        new UserDetailsChangedEvent(ID, "Alice", "alice@example.com"))
                .expectResultMessagePayload(DefinitionOutcome.CHANGED);
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

    // --- the management API's rules (new-api's, identity.md §1.1)

    private static final Actor ROOT = new Actor("root-1", Role.ROOT);
    private static final Actor ADMIN = new Actor("admin-1", Role.ADMIN);
    private static final UserProfile BOB_ADMIN = new UserProfile("bob", Role.ADMIN, "default");

    @Test
    void anAdminCreatesUsersButNotAdmins() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, ALICE, "Alice", "a@example.com", "pw-12345678", ADMIN))
                .expectEvents(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(pw-12345678)"),
                        new UserDetailsChangedEvent(ID, "Alice", "a@example.com"));
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, BOB_ADMIN, "", null, "pw-12345678", ADMIN))
                .expectException(UserManagementRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void someoneRegisteringThemselvesIsAnOrdinaryUserAndATakenNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, BOB_ADMIN, "", null, "pw-12345678", new Actor(ID, Role.USER)))
                .expectException(UserManagementRefusedException.class);
        fixture.given(new UserRegisteredEvent(ID, ALICE))
                .when(new RegisterUserCommand(ID, ALICE, "", null, "pw-12345678", new Actor(ID, Role.USER)))
                .expectExceptionMessage("the username 'alice' is taken")
                .expectNoEvents();
    }

    @Test
    void anAdminActsOnlyOnLowerRoles() {
        fixture.given(new UserRegisteredEvent(ID, BOB_ADMIN))
                .when(new ManageUserCommand(ID, UserAction.DISABLE, ADMIN))
                .expectException(UserManagementRefusedException.class)
                .expectNoEvents();
        fixture.given(new UserRegisteredEvent(ID, ALICE))
                .when(new EditUserCommand(ID, null, null, null, Role.ADMIN, null, ADMIN))
                .expectException(UserManagementRefusedException.class);
        fixture.given(new UserRegisteredEvent(ID, ALICE))
                .when(new ManageUserCommand(ID, UserAction.PROMOTE, ADMIN))
                .expectExceptionMessage("only root may promote a user to admin");
    }

    @Test
    void rootPromotesAndDemotesButIsNeverRemovedItself() {
        fixture.given(new UserRegisteredEvent(ID, ALICE))
                .when(new ManageUserCommand(ID, UserAction.PROMOTE, ROOT))
                .expectEvents(new UserProfileChangedEvent(ID, new UserProfile("alice", Role.ADMIN, "default")))
                .expectResultMessagePayload(new ManagedUser(Role.ADMIN, true, false));
        UserProfile root = new UserProfile("root", Role.ROOT, "default");
        for (UserAction action : new UserAction[] {UserAction.DISABLE, UserAction.DELETE, UserAction.DEMOTE}) {
            fixture.given(new UserRegisteredEvent(ID, root))
                    .when(new ManageUserCommand(ID, action, ROOT))
                    .expectException(UserManagementRefusedException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void aUserDeletesThemselvesAndIsThenGone() {
        Actor alice = new Actor(ID, Role.USER);
        fixture.given(new UserRegisteredEvent(ID, ALICE))
                .when(new ManageUserCommand(ID, UserAction.DELETE, alice))
                .expectEvents(new UserDeletedEvent(ID));
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserDeletedEvent(ID))
                .when(new EditUserCommand(ID, "Alice", null, null, null, null, ROOT))
                .expectExceptionMessage("no such user");
    }

    @Test
    void anEditChangesOnlyWhatIsGivenAndAnEqualEditAppendsNothing() {
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(old-password)"))
                .when(new EditUserCommand(ID, "Alice", null, "vip", null, "new-password", ADMIN))
                .expectEvents(new UserProfileChangedEvent(ID, new UserProfile("alice", Role.USER, "vip")),
                        new UserDetailsChangedEvent(ID, "Alice", null),
                        new UserPasswordSetEvent(ID, "hash(new-password)"));
        fixture.given(new UserRegisteredEvent(ID, ALICE), new UserPasswordSetEvent(ID, "hash(old-password)"))
                .when(new EditUserCommand(ID, "", null, "default", Role.USER, "old-password", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(DefinitionOutcome.UNCHANGED);
    }

    // --- the second factor (identity.md §2.1, S9)

    private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");
    /** Accepts "123456" at step 100 and "654321" at step 101; nothing else. */
    private static final SecondFactorCodes CODES = (sealed, code, at) -> code.equals("123456") ? OptionalLong.of(100)
            : code.equals("654321") ? OptionalLong.of(101) : OptionalLong.empty();

    private AggregateTestFixture<User> withCodes() {
        AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(HASHER);
        fixture.registerInjectableResource(CODES);
        return fixture;
    }

    @Test
    void aTimeStepIsAcceptedOnceAndLaterStepsStillWork() {
        withCodes().given(new UserRegisteredEvent(ID, ALICE), new TwoFactorSetUpEvent(ID, "sealed", List.of()),
                        new TwoFactorEnabledEvent(ID, 100))
                .when(new VerifySecondFactorCommand(ID, "123456", AT, VerifySecondFactorCommand.Purpose.LOGIN))
                .expectEvents(new TwoFactorFailedEvent(ID, 1))
                .expectResultMessagePayload(SecondFactorOutcome.REFUSED);
        withCodes().given(new UserRegisteredEvent(ID, ALICE), new TwoFactorSetUpEvent(ID, "sealed", List.of()),
                        new TwoFactorEnabledEvent(ID, 100))
                .when(new VerifySecondFactorCommand(ID, "654321", AT, VerifySecondFactorCommand.Purpose.LOGIN))
                .expectEvents(new TwoFactorCodeAcceptedEvent(ID, 101))
                .expectResultMessagePayload(SecondFactorOutcome.ACCEPTED);
    }

    @Test
    void theFifthWrongCodeLocksAndALockRefusesEvenTheRightCode() {
        withCodes().given(new UserRegisteredEvent(ID, ALICE), new TwoFactorSetUpEvent(ID, "sealed", List.of()),
                        new TwoFactorEnabledEvent(ID, 99), new TwoFactorFailedEvent(ID, 4))
                .when(new VerifySecondFactorCommand(ID, "000000", AT, VerifySecondFactorCommand.Purpose.LOGIN))
                .expectEvents(new TwoFactorLockedEvent(ID, AT.plusSeconds(300)));
        withCodes().given(new UserRegisteredEvent(ID, ALICE), new TwoFactorSetUpEvent(ID, "sealed", List.of()),
                        new TwoFactorEnabledEvent(ID, 99), new TwoFactorLockedEvent(ID, AT.plusSeconds(300)))
                .when(new VerifySecondFactorCommand(ID, "123456", AT.plusSeconds(299),
                        VerifySecondFactorCommand.Purpose.LOGIN))
                .expectNoEvents()
                .expectResultMessagePayload(SecondFactorOutcome.LOCKED);
    }

    @Test
    void aBackupCodeIsUsedOnceAndCanTurnTheFactorOff() {
        TwoFactorSetUpEvent setUp = new TwoFactorSetUpEvent(ID, "sealed", List.of("hash(ABCD-EFGH)",
                "hash(JKLM-NPQR)"));
        withCodes().given(new UserRegisteredEvent(ID, ALICE), setUp, new TwoFactorEnabledEvent(ID, 99))
                .when(new VerifySecondFactorCommand(ID, "jklm-npqr", AT, VerifySecondFactorCommand.Purpose.DISABLE))
                .expectEvents(new BackupCodeUsedEvent(ID, 1), new TwoFactorDisabledEvent(ID));
        withCodes().given(new UserRegisteredEvent(ID, ALICE), setUp, new TwoFactorEnabledEvent(ID, 99),
                        new BackupCodeUsedEvent(ID, 1))
                .when(new VerifySecondFactorCommand(ID, "JKLM-NPQR", AT, VerifySecondFactorCommand.Purpose.LOGIN))
                .expectEvents(new TwoFactorFailedEvent(ID, 1));
    }

    @Test
    void enablingNeedsATotpCodeForThePendingSecret() {
        withCodes().given(new UserRegisteredEvent(ID, ALICE))
                .when(new VerifySecondFactorCommand(ID, "123456", AT, VerifySecondFactorCommand.Purpose.ENABLE))
                .expectResultMessagePayload(SecondFactorOutcome.NOT_SET_UP);
        withCodes().given(new UserRegisteredEvent(ID, ALICE), new TwoFactorSetUpEvent(ID, "sealed",
                        List.of("hash(ABCD-EFGH)")))
                .when(new VerifySecondFactorCommand(ID, "ABCD-EFGH", AT, VerifySecondFactorCommand.Purpose.ENABLE))
                .expectEvents(new TwoFactorFailedEvent(ID, 1));
        withCodes().given(new UserRegisteredEvent(ID, ALICE), new TwoFactorSetUpEvent(ID, "sealed", List.of()))
                .when(new VerifySecondFactorCommand(ID, "123456", AT, VerifySecondFactorCommand.Purpose.ENABLE))
                .expectEvents(new TwoFactorEnabledEvent(ID, 100));
    }
}
