package io.llm402.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.account.api.AccessTokenIssuedEvent;
import io.llm402.domain.account.api.BackupCodeUsedEvent;
import io.llm402.domain.account.api.BackupCodesReplacedEvent;
import io.llm402.domain.account.api.DefineUserCommand;
import io.llm402.domain.account.api.EditUserCommand;
import io.llm402.domain.account.api.ImportUserCommand;
import io.llm402.domain.account.api.IssueAccessTokenCommand;
import io.llm402.domain.account.api.ManageUserCommand;
import io.llm402.domain.account.api.ManagedUser;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.ProvisionRootUserCommand;
import io.llm402.domain.account.api.RegisterExternalUserCommand;
import io.llm402.domain.account.api.RegisterUserCommand;
import io.llm402.domain.account.api.ReplaceBackupCodesCommand;
import io.llm402.domain.account.api.ResetTwoFactorCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.SecondFactorCodes;
import io.llm402.domain.account.api.SecondFactorOutcome;
import io.llm402.domain.account.api.SetUpTwoFactorCommand;
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
import io.llm402.domain.account.api.UserManagementRefusedException.Reason;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.domain.account.api.VerifySecondFactorCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

@Aggregate
class User {

    @AggregateIdentifier
    private @Nullable String userId;
    private @Nullable UserProfile profile;
    private @Nullable String passwordHash;
    private boolean disabled;
    private boolean deleted;
    private String displayName = "";
    private @Nullable String email;
    private boolean imported;
    private final SecondFactor secondFactor = new SecondFactor();

    User() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineUserCommand command, PasswordHasher hasher) {
        boolean created = userId == null;
        boolean changed = registerOrChangeProfile(command.userId(), command.profile());
        String password = command.password();
        if (password != null && (passwordHash == null || !hasher.matches(password, passwordHash))) {
            apply(new UserPasswordSetEvent(command.userId(), hasher.hash(password)));
            changed = true;
        }
        return DefinitionOutcome.of(created, changed);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(ImportUserCommand command) {
        if (deleted) {
            return DefinitionOutcome.UNCHANGED;
        }
        boolean created = userId == null;
        boolean changed = registerOrChangeProfile(command.userId(), command.profile());
        boolean firstImport = !imported;
        if (firstImport) {
            apply(new UserImportedEvent(command.userId(), command.source()));
            changed |= !created;
        }
        // The source's hash is taken once: a password changed here after the first import is the user's choice.
        if (firstImport && command.passwordHash() != null && !command.passwordHash().equals(passwordHash)) {
            apply(new UserPasswordSetEvent(command.userId(), command.passwordHash()));
        }
        if (!command.displayName().equals(displayName) || !Objects.equals(command.email(), email)) {
            apply(new UserDetailsChangedEvent(command.userId(), command.displayName(), command.email()));
            changed = true;
        }
        if (command.enabled() == disabled) {
            apply(command.enabled() ? new UserEnabledEvent(command.userId()) : new UserDisabledEvent(command.userId()));
            changed = true;
        }
        return DefinitionOutcome.of(created, changed);
    }

    /** Registers a new user, or changes an existing one's profile; answers whether an existing one changed. */
    private boolean registerOrChangeProfile(String id, UserProfile wanted) {
        if (userId == null) {
            apply(new UserRegisteredEvent(id, wanted));
            return false;
        }
        if (!wanted.equals(profile)) {
            apply(new UserProfileChangedEvent(id, wanted));
            return true;
        }
        return false;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(ProvisionRootUserCommand command, PasswordHasher hasher) {
        if (userId != null) {
            return false;
        }
        apply(new UserRegisteredEvent(command.userId(), new UserProfile(command.username(), Role.ROOT, "default")));
        apply(new UserPasswordSetEvent(command.userId(), hasher.hash(command.password())));
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterUserCommand command, PasswordHasher hasher) {
        if (userId != null) {
            throw new UserManagementRefusedException(Reason.CONFLICT,
                    "the username '" + command.profile().username() + "' is taken");
        }
        UserRules.checkMayCreate(command.actor(), command.userId(), command.profile().role());
        apply(new UserRegisteredEvent(command.userId(), command.profile()));
        apply(new UserPasswordSetEvent(command.userId(), hasher.hash(command.password())));
        if (!command.displayName().isEmpty() || command.email() != null) {
            apply(new UserDetailsChangedEvent(command.userId(), command.displayName(), command.email()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterExternalUserCommand command) {
        if (userId != null) {
            throw new UserManagementRefusedException(Reason.CONFLICT,
                    "the username '" + command.profile().username() + "' is taken");
        }
        if (command.profile().role() != Role.USER) {
            throw new UserManagementRefusedException(Reason.FORBIDDEN, "an external login registers plain users");
        }
        apply(new UserRegisteredEvent(command.userId(), command.profile()));
        if (!command.displayName().isEmpty() || command.email() != null) {
            apply(new UserDetailsChangedEvent(command.userId(), command.displayName(), command.email()));
        }
    }

    @CommandHandler
    DefinitionOutcome handle(EditUserCommand command, PasswordHasher hasher) {
        UserProfile current = existingProfile();
        Role role = command.role() == null ? current.role() : command.role();
        UserRules.checkMayEdit(command.actor(), command.userId(), current.role(), role);
        boolean changed = false;
        UserProfile wanted = new UserProfile(current.username(), role,
                command.group() == null ? current.group() : command.group());
        if (!wanted.equals(current)) {
            apply(new UserProfileChangedEvent(command.userId(), wanted));
            changed = true;
        }
        String newName = command.displayName() == null ? displayName : command.displayName();
        String newEmail = command.email() == null ? email : command.email().isEmpty() ? null : command.email();
        if (!newName.equals(displayName) || !Objects.equals(newEmail, email)) {
            apply(new UserDetailsChangedEvent(command.userId(), newName, newEmail));
            changed = true;
        }
        String password = command.password();
        if (password != null && (passwordHash == null || !hasher.matches(password, passwordHash))) {
            apply(new UserPasswordSetEvent(command.userId(), hasher.hash(password)));
            changed = true;
        }
        return DefinitionOutcome.of(false, changed);
    }

    @CommandHandler
    ManagedUser handle(ManageUserCommand command) {
        UserProfile current = existingProfile();
        UserRules.checkMayManage(command.actor(), command.userId(), current.role(), command.action());
        switch (command.action()) {
            case ENABLE -> {
                if (disabled) {
                    apply(new UserEnabledEvent(userId));
                }
            }
            case DISABLE -> {
                if (!disabled) {
                    apply(new UserDisabledEvent(userId));
                }
            }
            case DELETE -> apply(new UserDeletedEvent(command.userId()));
            case PROMOTE, DEMOTE -> {
                Role role = command.action() == UserAction.PROMOTE ? Role.ADMIN : Role.USER;
                if (role != current.role()) {
                    apply(new UserProfileChangedEvent(command.userId(),
                            new UserProfile(current.username(), role, current.group())));
                }
            }
        }
        return new ManagedUser(existingProfileOrDeleted().role(), !disabled, deleted);
    }

    @CommandHandler
    void handle(IssueAccessTokenCommand command) {
        existingProfile();
        apply(new AccessTokenIssuedEvent(command.userId(), command.tokenDigest()));
    }

    @CommandHandler
    void handle(SetUpTwoFactorCommand command) {
        existingProfile();
        if (secondFactor.enabled) {
            throw new UserManagementRefusedException(Reason.CONFLICT,
                    "two-factor authentication is already on: turn it off first");
        }
        apply(new TwoFactorSetUpEvent(command.userId(), command.sealedSecret(), command.backupCodeHashes()));
    }

    @CommandHandler
    SecondFactorOutcome handle(VerifySecondFactorCommand command, SecondFactorCodes codes, PasswordHasher hasher) {
        existingProfile();
        boolean forEnabling = command.purpose() == VerifySecondFactorCommand.Purpose.ENABLE;
        if (secondFactor.sealedSecret == null || secondFactor.enabled == forEnabling) {
            return SecondFactorOutcome.NOT_SET_UP;
        }
        if (secondFactor.locked(command.at())) {
            return SecondFactorOutcome.LOCKED;
        }
        OptionalLong step = totpStep(command.code(), command.at(), codes);
        if (step.isPresent()) {
            switch (command.purpose()) {
                case ENABLE -> apply(new TwoFactorEnabledEvent(command.userId(), step.getAsLong()));
                case LOGIN -> apply(new TwoFactorCodeAcceptedEvent(command.userId(), step.getAsLong()));
                case DISABLE -> apply(new TwoFactorDisabledEvent(command.userId()));
            }
            return SecondFactorOutcome.ACCEPTED;
        }
        int backup = forEnabling ? -1 : backupCode(command.code(), hasher);
        if (backup >= 0) {
            apply(new BackupCodeUsedEvent(command.userId(), backup));
            if (command.purpose() == VerifySecondFactorCommand.Purpose.DISABLE) {
                apply(new TwoFactorDisabledEvent(command.userId()));
            }
            return SecondFactorOutcome.ACCEPTED;
        }
        return failed(command.userId(), command.at());
    }

    @CommandHandler
    SecondFactorOutcome handle(ReplaceBackupCodesCommand command, SecondFactorCodes codes) {
        existingProfile();
        if (!secondFactor.enabled) {
            return SecondFactorOutcome.NOT_SET_UP;
        }
        if (secondFactor.locked(command.at())) {
            return SecondFactorOutcome.LOCKED;
        }
        OptionalLong step = totpStep(command.code(), command.at(), codes);
        if (step.isEmpty()) {
            return failed(command.userId(), command.at());
        }
        apply(new TwoFactorCodeAcceptedEvent(command.userId(), step.getAsLong()));
        apply(new BackupCodesReplacedEvent(command.userId(), command.backupCodeHashes()));
        return SecondFactorOutcome.ACCEPTED;
    }

    @CommandHandler
    void handle(ResetTwoFactorCommand command) {
        UserProfile current = existingProfile();
        UserRules.checkMayReset(command.actor(), command.userId(), current.role());
        if (secondFactor.sealedSecret != null) {
            apply(new TwoFactorDisabledEvent(command.userId()));
        }
    }

    /** A TOTP code's time step, if the code is right and its step comes after the last one accepted. */
    private OptionalLong totpStep(String code, Instant at, SecondFactorCodes codes) {
        String digits = code.trim();
        if (!digits.matches("[0-9]{6}") || secondFactor.sealedSecret == null) {
            return OptionalLong.empty();
        }
        OptionalLong step = codes.matchingStep(secondFactor.sealedSecret, digits, at);
        return step.isPresent() && step.getAsLong() > secondFactor.lastStep ? step : OptionalLong.empty();
    }

    private int backupCode(String code, PasswordHasher hasher) {
        String normalised = code.trim().toUpperCase(Locale.ROOT);
        if (!normalised.matches("[A-Z0-9]{4}-?[A-Z0-9]{4}")) {
            return -1;
        }
        String canonical = normalised.length() == 8 ? normalised.substring(0, 4) + "-" + normalised.substring(4)
                : normalised;
        for (int i = 0; i < secondFactor.backupCodeHashes.size(); i++) {
            String hash = secondFactor.backupCodeHashes.get(i);
            if (hash != null && hasher.matches(canonical, hash)) {
                return i;
            }
        }
        return -1;
    }

    private SecondFactorOutcome failed(String id, Instant at) {
        int failures = secondFactor.failures + 1;
        if (failures >= SecondFactor.FAILURES_BEFORE_LOCK) {
            apply(new TwoFactorLockedEvent(id, at.plusSeconds(SecondFactor.LOCK_SECONDS)));
        } else {
            apply(new TwoFactorFailedEvent(id, failures));
        }
        return SecondFactorOutcome.REFUSED;
    }

    private UserProfile existingProfile() {
        if (deleted || profile == null) {
            throw new UserManagementRefusedException(Reason.NOT_FOUND, "no such user");
        }
        return profile;
    }

    private UserProfile existingProfileOrDeleted() {
        return Objects.requireNonNull(profile);
    }

    @CommandHandler
    DefinitionOutcome handle(SetUserStatusCommand command) {
        if (command.enabled() == !disabled) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(command.enabled() ? new UserEnabledEvent(userId) : new UserDisabledEvent(userId));
        return DefinitionOutcome.CHANGED;
    }

    @EventSourcingHandler
    void on(UserDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(UserImportedEvent event) {
        imported = true;
    }

    @EventSourcingHandler
    void on(UserProfileChangedEvent event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(UserDetailsChangedEvent event) {
        displayName = event.displayName();
        email = event.email();
    }

    @EventSourcingHandler
    void on(TwoFactorSetUpEvent event) {
        secondFactor.clear();
        secondFactor.sealedSecret = event.sealedSecret();
        secondFactor.backupCodeHashes = new ArrayList<>(event.backupCodeHashes());
    }

    @EventSourcingHandler
    void on(TwoFactorEnabledEvent event) {
        secondFactor.enabled = true;
        secondFactor.lastStep = event.step();
        secondFactor.failures = 0;
    }

    @EventSourcingHandler
    void on(TwoFactorCodeAcceptedEvent event) {
        secondFactor.lastStep = event.step();
        secondFactor.failures = 0;
    }

    @EventSourcingHandler
    void on(BackupCodeUsedEvent event) {
        secondFactor.backupCodeHashes.set(event.index(), null);
        secondFactor.failures = 0;
    }

    @EventSourcingHandler
    void on(BackupCodesReplacedEvent event) {
        secondFactor.backupCodeHashes = new ArrayList<>(event.backupCodeHashes());
    }

    @EventSourcingHandler
    void on(TwoFactorFailedEvent event) {
        secondFactor.failures = event.failures();
    }

    @EventSourcingHandler
    void on(TwoFactorLockedEvent event) {
        secondFactor.failures = 0;
        secondFactor.lockedUntil = event.lockedUntil();
    }

    @EventSourcingHandler
    void on(TwoFactorDisabledEvent event) {
        secondFactor.clear();
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(UserPasswordSetEvent event) {
        passwordHash = event.passwordHash();
    }
}
