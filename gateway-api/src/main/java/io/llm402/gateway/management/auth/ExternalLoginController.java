package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.UnbindExternalIdentityCommand;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.UserJson;
import io.llm402.projections.access.api.Bindings;
import io.llm402.projections.access.api.ExternalIdentityView;
import io.llm402.projections.access.api.ListBindingsQuery;
import io.llm402.projections.access.api.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The external logins' JSON routes: the Telegram widget's login and bind (new-api's paths), the bind intent a
 * logged-in user starts before any provider's bind, and the user's bindings. The OAuth2 and OIDC logins themselves
 * run through Spring Security ({@code /oauth2/authorization/{provider}}, callbacks at {@code /oauth/{provider}}).
 */
@RestController
class ExternalLoginController {

    private final ExternalClientRegistrations registrations;
    private final ExternalAccounts accounts;
    private final OneTimeValues oneTimeValues;
    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final JsonOAuthCallback jsonCallback;

    ExternalLoginController(ExternalClientRegistrations registrations, ExternalAccounts accounts,
                            OneTimeValues oneTimeValues, AccessReadModel readModel, ManagementCommands commands,
                            JsonOAuthCallback jsonCallback) {
        this.jsonCallback = jsonCallback;
        this.registrations = registrations;
        this.accounts = accounts;
        this.oneTimeValues = oneTimeValues;
        this.readModel = readModel;
        this.commands = commands;
    }

    /** Where the browser goes next to bind the provider. */
    record BindStart(String provider, String url) {
    }

    /**
     * Starts a bind: the next {@code /oauth2/authorization/{provider}} (or Telegram widget answer) in this session
     * binds to the caller, within 10 minutes.
     */
    @PostMapping("/api/user/oauth/{provider}/bind")
    Envelope<BindStart> startBind(@PathVariable String provider, HttpServletRequest request) {
        ExternalProvider wanted = provider(provider);
        if (!registrations.usable(wanted)) {
            throw new ManagementException(HttpStatus.BAD_REQUEST, "the " + wanted.wireName()
                    + " login is not turned on", "EXTERNAL_LOGIN_OFF");
        }
        request.getSession().setAttribute(BindIntent.ATTRIBUTE,
                new BindIntent(Caller.current().userId(), wanted.wireName(), Instant.now()));
        return Envelope.ok(new BindStart(wanted.wireName(), wanted == ExternalProvider.TELEGRAM
                ? "/api/oauth/telegram/bind" : "/oauth2/authorization/" + wanted.wireName()));
    }

    /**
     * new-api's console starts an OAuth login or bind here ({@code aff}, its invitation code, is accepted and not
     * used: LLM402 has no inviter rewards). Asked by a logged-in user, the state binds; asked anonymously, it logs in.
     */
    @GetMapping("/api/oauth/state")
    Envelope<String> oauthState(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String bindUser = session != null && session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login
                ? login.userId() : null;
        return Envelope.ok(jsonCallback.issueState(request, bindUser));
    }

    /**
     * new-api's console hands the provider's code here from its callback page and reads JSON: the user (or the
     * second-factor step) after a login, {@code "message": "bind"} after a bind.
     */
    @GetMapping("/api/oauth/{provider}")
    Envelope<Object> oauthCallback(@PathVariable String provider, @RequestParam(defaultValue = "") String code,
                                   @RequestParam(defaultValue = "") String state, HttpServletRequest request,
                                   HttpServletResponse response) {
        if (provider(provider) == ExternalProvider.TELEGRAM) {
            throw ManagementException.notFound("no such login provider");
        }
        if (code.isBlank() || state.isBlank()) {
            throw ManagementException.badRequest("code and state are required");
        }
        return switch (jsonCallback.complete(provider, code, state, request, response)) {
            case ExternalAccounts.LogIn(var user) when user.twoFactor().enabled() ->
                    LoginController.awaitSecondFactor(request, user);
            case ExternalAccounts.LogIn(var user) -> Envelope.ok(LoginController.logIn(request, user));
            case ExternalAccounts.Bound bound -> new Envelope<>(true, "bind", null, null);
            case ExternalAccounts.Refused(var reason) -> throw new ManagementException(HttpStatus.FORBIDDEN, reason,
                    "EXTERNAL_LOGIN_REFUSED");
        };
    }

    /** new-api's Telegram login: the widget's signed fields as query parameters; JSON as the password login. */
    @GetMapping("/api/oauth/telegram/login")
    Envelope<Object> telegramLogin(@RequestParam Map<String, String> fields, HttpServletRequest request) {
        ExternalProfile profile = telegram(fields);
        return switch (accounts.admit(profile, null, false)) {
            case ExternalAccounts.LogIn(var user) when user.twoFactor().enabled() ->
                    LoginController.awaitSecondFactor(request, user);
            case ExternalAccounts.LogIn(var user) -> Envelope.ok(LoginController.logIn(request, user));
            case ExternalAccounts.Refused(var reason) -> throw new ManagementException(HttpStatus.FORBIDDEN, reason,
                    "EXTERNAL_LOGIN_REFUSED");
            case ExternalAccounts.Bound bound -> throw new IllegalStateException("a login never binds");
        };
    }

    /**
     * The Telegram widget on LLM402's console sends the browser here (its {@code data-auth-url}: the console's
     * Content-Security-Policy runs no callback the widget would evaluate), so the answer is where to go next: the
     * console, its second-factor step, or the login page with the reason.
     */
    @GetMapping("/api/oauth/telegram/login/redirect")
    void telegramLoginRedirect(@RequestParam Map<String, String> fields, HttpServletRequest request,
                               HttpServletResponse response) throws IOException {
        ExternalAccounts.Outcome outcome;
        try {
            outcome = accounts.admit(telegram(fields), null, false);
        } catch (ManagementException refused) {
            outcome = new ExternalAccounts.Refused(refused.getMessage());
        }
        ExternalLoginFlow.complete(request, response, outcome);
    }

    /**
     * new-api's Telegram bind (the widget's redirect, a top-level GET): binds only for the session's user who started
     * a Telegram bind, then returns the browser to the console.
     */
    @GetMapping("/api/oauth/telegram/bind")
    void telegramBind(@RequestParam Map<String, String> fields, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(BindIntent.ATTRIBUTE) instanceof BindIntent intent)
                || !intent.validFor(ExternalProvider.TELEGRAM.wireName(), Instant.now())
                || !(session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login)
                || !login.userId().equals(intent.userId())) {
            throw new ManagementException(HttpStatus.FORBIDDEN, "start the Telegram bind from your profile first",
                    "BIND_NOT_STARTED");
        }
        session.removeAttribute(BindIntent.ATTRIBUTE);
        ExternalLoginFlow.complete(request, response, accounts.admit(telegram(fields), intent.userId(), false));
    }

    private ExternalProfile telegram(Map<String, String> fields) {
        String botToken = registrations.config().telegramBotToken();
        if (botToken == null) {
            throw new ManagementException(HttpStatus.FORBIDDEN, "the Telegram login is not turned on",
                    "EXTERNAL_LOGIN_OFF");
        }
        TelegramLogin.Result result = TelegramLogin.check(fields, botToken, Instant.now());
        TelegramLogin.Checked checked = result.checked().orElseThrow(() ->
                new ManagementException(HttpStatus.UNAUTHORIZED, result.refusal(), "TELEGRAM_LOGIN_INVALID"));
        // Remembered for as long as the payload would still be accepted: a replay on any node is refused.
        if (!oneTimeValues.firstUse("telegram:" + checked.hash(), TelegramLogin.MAX_AGE.plus(TelegramLogin.CLOCK_SKEW))) {
            throw new ManagementException(HttpStatus.UNAUTHORIZED, "this Telegram login was already used",
                    "TELEGRAM_LOGIN_REPLAYED");
        }
        return new ExternalProfile(ExternalIdentityKey.of(ExternalProvider.TELEGRAM, checked.id()), null,
                checked.display(), null, false);
    }

    record Binding(String provider, String display, Instant boundAt, Instant lastLoginAt) {
    }

    @GetMapping("/api/user/self/bindings")
    Envelope<List<Binding>> bindings() {
        return Envelope.ok(bindingsOf(Caller.current().userId()).identities().stream()
                .map(b -> new Binding(b.provider(), b.display(), b.boundAt(), b.lastLoginAt())).toList());
    }

    /** Only while another way to log in remains: a password or another binding. */
    @DeleteMapping("/api/user/self/bindings/{provider}")
    Envelope<Void> unbindOwn(@PathVariable String provider) {
        Caller caller = Caller.current();
        Bindings bindings = bindingsOf(caller.userId());
        ExternalIdentityView binding = binding(bindings, provider);
        if (!caller.user().hasPassword() && bindings.identities().size() < 2) {
            throw ManagementException.badRequest("this is your only way to log in: set a password or bind another "
                    + "login first");
        }
        unbind(binding, caller);
        return Envelope.ok();
    }

    /** An admin clears a user's binding (of a lower role, as for every admin action on a user). */
    @DeleteMapping("/api/user/{id}/bindings/{provider}")
    Envelope<Void> unbindUsers(@PathVariable long id, @PathVariable String provider) {
        Caller caller = Caller.current();
        UserView user = readModel.userByNumber(id).orElseThrow(() -> ManagementException.notFound("no such user"));
        if (caller.role().compareTo(UserJson.role(user)) <= 0) {
            throw ManagementException.forbidden("you may only change users of a lower role");
        }
        unbind(binding(bindingsOf(user.userId()), provider), caller);
        return Envelope.ok();
    }

    private void unbind(ExternalIdentityView binding, Caller caller) {
        commands.send(new UnbindExternalIdentityCommand(binding.identityId(), binding.userId(), caller.actor()),
                caller);
        readModel.await(() -> Optional.of(bindingsOf(binding.userId())),
                now -> now.identities().stream().noneMatch(b -> b.identityId().equals(binding.identityId())));
    }

    private Bindings bindingsOf(String userId) {
        return readModel.query(new ListBindingsQuery(userId), Bindings.class);
    }

    private static ExternalIdentityView binding(Bindings bindings, String provider) {
        return bindings.of(provider(provider).wireName())
                .orElseThrow(() -> ManagementException.notFound("no " + provider + " login is bound"));
    }

    private static ExternalProvider provider(String name) {
        try {
            return ExternalProvider.fromWireName(name);
        } catch (IllegalArgumentException e) {
            throw ManagementException.notFound("no such login provider");
        }
    }
}
