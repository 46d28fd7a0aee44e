package io.llm402.gateway.management.users;

import io.llm402.domain.account.api.EditUserCommand;
import io.llm402.domain.account.api.ManageUserCommand;
import io.llm402.domain.account.api.ManagedUser;
import io.llm402.domain.account.api.RegisterUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserAction;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.ledger.api.CreditWalletCommand;
import io.llm402.domain.ledger.api.DebitWalletCommand;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.Paging;
import io.llm402.gateway.management.QuotaUnits;
import io.llm402.gateway.management.Roles;
import io.llm402.gateway.management.UserJson;
import io.llm402.gateway.management.auth.Credentials;
import io.llm402.projections.access.api.SearchUsersQuery;
import io.llm402.projections.access.api.UserPage;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.WalletBalanceView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * new-api's user administration for admins. Who may act on whom is the user aggregate's decision (an admin acts only
 * on lower roles); reads follow the same rule, so an admin cannot even look at another admin.
 */
@RestController
class UserAdminController {

    private final AccessReadModel readModel;
    private final UserViews views;
    private final ManagementCommands commands;

    UserAdminController(AccessReadModel readModel, UserViews views, ManagementCommands commands) {
        this.readModel = readModel;
        this.views = views;
        this.commands = commands;
    }

    @GetMapping("/api/user/")
    Envelope<Paging.PageOf<UserJson>> list(HttpServletRequest request) {
        return search("", null, request);
    }

    @GetMapping("/api/user/search")
    Envelope<Paging.PageOf<UserJson>> search(@RequestParam(defaultValue = "") String keyword,
                                             @RequestParam(required = false) @Nullable String group,
                                             HttpServletRequest request) {
        Paging paging = Paging.of(request);
        UserPage page = readModel.query(new SearchUsersQuery(keyword.trim(), group, paging.offset(),
                paging.pageSize()), UserPage.class);
        return Envelope.ok(paging.of(page.items().stream().map(views::json).toList(), page.total()));
    }

    @GetMapping("/api/user/{id}")
    Envelope<UserJson> get(@PathVariable long id) {
        return Envelope.ok(views.json(manageable(id)));
    }

    record CreateUser(@Nullable String username, @Nullable String password, @Nullable String displayName,
                      @Nullable Integer role, @Nullable String email, @Nullable String group) {
    }

    @PostMapping("/api/user/")
    Envelope<Void> create(@RequestBody CreateUser body) {
        String username = Credentials.username(body.username());
        String password = Credentials.password(body.password());
        Role role = body.role() == null ? Role.USER : Roles.fromWireValue(body.role());
        String userId = NaturalIds.userId(username);
        commands.send(new RegisterUserCommand(userId, new UserProfile(username, role, group(body.group())),
                Credentials.displayName(body.displayName(), username), Credentials.email(body.email()), password,
                Caller.current().actor()), Caller.current());
        readModel.awaitUser(userId, user -> true);
        return Envelope.ok();
    }

    /** @param quota the balance to set, in new-api's quota units; {@code reason} says why (kept with the transfer) */
    record EditUser(@Nullable Long id, @Nullable String username, @Nullable String displayName,
                    @Nullable String password, @Nullable String group, @Nullable Integer role,
                    @Nullable String email, @Nullable Long quota, @Nullable String reason) {
    }

    @PutMapping("/api/user/")
    Envelope<Void> edit(@RequestBody EditUser body) {
        if (body.id() == null) {
            throw ManagementException.badRequest("id is required");
        }
        UserView user = manageable(body.id());
        if (body.username() != null && !body.username().isBlank() && !body.username().trim().equals(user.username())) {
            throw ManagementException.badRequest("usernames cannot be changed");
        }
        String password = body.password() == null || body.password().isEmpty() ? null
                : Credentials.password(body.password());
        String email = body.email() == null ? null : body.email().isBlank() ? "" : Credentials.email(body.email());
        commands.send(new EditUserCommand(user.userId(),
                body.displayName() == null ? null : Credentials.displayName(body.displayName(), user.username()),
                email, body.group() == null ? null : group(body.group()),
                body.role() == null ? null : Roles.fromWireValue(body.role()), password, Caller.current().actor()),
                Caller.current());
        if (body.quota() != null) {
            setBalance(user, body.quota(), body.reason());
        }
        return Envelope.ok();
    }

    /**
     * new-api's quota edit as a ledger adjustment: the difference to the shown balance moves between the user's wallet
     * and the adjustments account, with the admin and the reason on the event. A balance is never set below what
     * the wallet holds outside open allowances.
     */
    private void setBalance(UserView user, long quota, @Nullable String reason) {
        if (quota < 0) {
            throw ManagementException.badRequest("quota must not be negative");
        }
        long wanted = QuotaUnits.toNanoUsd(quota);
        long current = readModel.query(new FindWalletBalanceQuery(user.userId()), WalletBalanceView.class)
                .balanceNanoUsd();
        long delta = Math.subtractExact(wanted, current);
        String why = reason == null || reason.isBlank() ? "balance set by an admin" : reason.trim();
        if (why.length() > 255) {
            throw ManagementException.badRequest("reason must be at most 255 characters");
        }
        String transferId = "adjustment:" + UUID.randomUUID();
        if (delta > 0) {
            commands.send(new CreditWalletCommand(user.userId(), transferId, delta, TransferCode.ADJUSTMENT),
                    Caller.current(), why);
        } else if (delta < 0) {
            boolean debited = current > 0 && commands.<Boolean>send(new DebitWalletCommand(user.userId(), transferId,
                    -delta), Caller.current(), why);
            if (!debited) {
                throw ManagementException.conflict("the balance cannot go that low now: part of it is held by "
                        + "requests in flight");
            }
        }
        readModel.await(() -> Optional.of(readModel.query(new FindWalletBalanceQuery(user.userId()),
                WalletBalanceView.class)), balance -> balance.balanceNanoUsd() == wanted);
    }

    record ManageRequest(@Nullable Long id, @Nullable String action) {
    }

    record ManageResult(int role, int status) {
    }

    @PostMapping("/api/user/manage")
    Envelope<ManageResult> manage(@RequestBody ManageRequest body) {
        if (body.id() == null || body.action() == null) {
            throw ManagementException.badRequest("id and action are required");
        }
        UserAction action;
        try {
            action = UserAction.valueOf(body.action().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest("action must be enable, disable, delete, promote or demote");
        }
        UserView user = manageable(body.id());
        ManagedUser result = commands.send(new ManageUserCommand(user.userId(), action,
                Caller.current().actor()), Caller.current());
        return Envelope.ok(new ManageResult(Roles.wireValue(result.role()), result.enabled() ? 1 : 2));
    }

    @DeleteMapping("/api/user/{id}")
    Envelope<Void> delete(@PathVariable long id) {
        UserView user = manageable(id);
        commands.send(new ManageUserCommand(user.userId(), UserAction.DELETE, Caller.current().actor()),
                Caller.current());
        return Envelope.ok();
    }

    /** The user, if the caller may see them: root sees everyone, an admin only lower roles. */
    private UserView manageable(long id) {
        UserView user = readModel.userByNumber(id).orElseThrow(() -> ManagementException.notFound("no such user"));
        Caller caller = Caller.current();
        if (caller.role() != Role.ROOT && UserJson.role(user).compareTo(caller.role()) >= 0) {
            throw ManagementException.forbidden("you may only manage users with a lower role than yours");
        }
        return user;
    }

    private static String group(@Nullable String group) {
        if (group == null || group.isBlank()) {
            return "default";
        }
        String trimmed = group.trim();
        if (trimmed.length() > 64 || !trimmed.matches("[A-Za-z0-9_.-]+")) {
            throw ManagementException.badRequest("group must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        return trimmed;
    }
}
