package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.ReplaceBackupCodesCommand;
import io.llm402.domain.account.api.ResetTwoFactorCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.SecondFactorOutcome;
import io.llm402.domain.account.api.SetUpTwoFactorCommand;
import io.llm402.domain.account.api.VerifySecondFactorCommand;
import io.llm402.domain.account.api.VerifySecondFactorCommand.Purpose;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.RandomSecrets;
import io.llm402.projections.access.api.TwoFactorStats;
import io.llm402.projections.access.api.TwoFactorStatsQuery;
import io.llm402.projections.access.api.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * new-api's TOTP two-factor routes: set up, enable, disable, new backup codes, the login's second step, and an admin's
 * reset. The user aggregate decides each code (a used time step never twice; 5 wrong codes lock for 5 minutes).
 */
@RestController
class TwoFactorController {

    private static final String ISSUER = "LLM402";
    private static final Duration PENDING_LOGIN = Duration.ofMinutes(5);

    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final TotpCodes totp;
    private final PasswordHasher hasher;

    TwoFactorController(AccessReadModel readModel, ManagementCommands commands, TotpCodes totp,
                        PasswordHasher hasher) {
        this.readModel = readModel;
        this.commands = commands;
        this.totp = totp;
        this.hasher = hasher;
    }

    record CodeRequest(@Nullable String code) {

        String required() {
            if (code == null || code.isBlank() || code.length() > 32) {
                throw ManagementException.badRequest("code is required");
            }
            return code.trim();
        }
    }

    record Status(boolean enabled, boolean locked, int backupCodesRemaining) {
    }

    record SetUp(String secret, String qrCodeData, List<String> backupCodes) {
    }

    record Stats(long totalUsers, long enabledUsers, double enabledRate) {
    }

    @GetMapping("/api/user/2fa/status")
    Envelope<Status> status() {
        UserView.TwoFactorState state = Caller.current().user().twoFactor();
        return Envelope.ok(new Status(state.enabled(), state.lockedUntil() != null
                && Instant.now().isBefore(state.lockedUntil()), state.backupCodesRemaining()));
    }

    /** A new secret and backup codes, shown once; not in force until enabled with a code from the app. */
    @PostMapping("/api/user/2fa/setup")
    Envelope<SetUp> setUp() {
        Caller caller = Caller.current();
        String secret = totp.newSecret();
        List<String> codes = backupCodes();
        commands.send(new SetUpTwoFactorCommand(caller.userId(), totp.seal(secret),
                codes.stream().map(hasher::hash).toList()), caller);
        String label = URLEncoder.encode(ISSUER + ":" + caller.user().username(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=30";
        return Envelope.ok(new SetUp(secret, uri, codes));
    }

    @PostMapping("/api/user/2fa/enable")
    Envelope<Void> enable(@RequestBody CodeRequest body) {
        Caller caller = Caller.current();
        check(commands.send(new VerifySecondFactorCommand(caller.userId(), body.required(), Instant.now(),
                Purpose.ENABLE), caller));
        readModel.awaitUser(caller.userId(), user -> user.twoFactor().enabled());
        return Envelope.ok();
    }

    /** Turns the second factor off with a TOTP or a backup code; the user's other sessions end. */
    @PostMapping("/api/user/2fa/disable")
    Envelope<Void> disable(@RequestBody CodeRequest body, HttpServletRequest request) {
        Caller caller = Caller.current();
        check(commands.send(new VerifySecondFactorCommand(caller.userId(), body.required(), Instant.now(),
                Purpose.DISABLE), caller));
        long before = caller.user().credentialsStamp();
        readModel.awaitUser(caller.userId(), user -> user.credentialsStamp() != before)
                .ifPresent(user -> LoginSessions.restamp(request, user));
        return Envelope.ok();
    }

    @PostMapping("/api/user/2fa/backup_codes")
    Envelope<List<String>> replaceBackupCodes(@RequestBody CodeRequest body) {
        Caller caller = Caller.current();
        List<String> codes = backupCodes();
        check(commands.send(new ReplaceBackupCodesCommand(caller.userId(), body.required(), Instant.now(),
                codes.stream().map(hasher::hash).toList()), caller));
        return Envelope.ok(codes);
    }

    /** The login's second step: a TOTP or backup code for the login whose password was right. */
    @PostMapping("/api/user/login/2fa")
    Envelope<LoginController.LoggedIn> secondStep(@RequestBody CodeRequest body, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PendingLogin.ATTRIBUTE) instanceof PendingLogin pending)
                || pending.passwordCheckedAt().plus(PENDING_LOGIN).isBefore(Instant.now())) {
            throw new ManagementException(HttpStatus.UNAUTHORIZED, "log in with your password first",
                    "TWO_FACTOR_NO_PENDING_LOGIN");
        }
        SecondFactorOutcome outcome = commands.send(new VerifySecondFactorCommand(pending.userId(), body.required(),
                Instant.now(), Purpose.LOGIN), new Actor(pending.userId(), Role.USER));
        check(outcome);
        UserView user = readModel.user(pending.userId()).filter(u -> !u.deleted() && !u.disabled())
                .orElseThrow(() -> new ManagementException(HttpStatus.FORBIDDEN, "User has been banned.",
                        "AUTH_USER_DISABLED"));
        return Envelope.ok(LoginController.logIn(request, user));
    }

    @DeleteMapping("/api/user/{id}/2fa")
    Envelope<Void> reset(@PathVariable long id) {
        Caller caller = Caller.current();
        UserView user = readModel.userByNumber(id).orElseThrow(() -> ManagementException.notFound("no such user"));
        commands.send(new ResetTwoFactorCommand(user.userId(), caller.actor()), caller);
        return Envelope.ok();
    }

    @GetMapping("/api/user/2fa/stats")
    Envelope<Stats> stats() {
        TwoFactorStats stats = readModel.query(new TwoFactorStatsQuery(), TwoFactorStats.class);
        double rate = stats.totalUsers() == 0 ? 0 : Math.round(10_000.0 * stats.enabledUsers() / stats.totalUsers())
                / 100.0;
        return Envelope.ok(new Stats(stats.totalUsers(), stats.enabledUsers(), rate));
    }

    private static void check(SecondFactorOutcome outcome) {
        switch (outcome) {
            case ACCEPTED -> {
            }
            case REFUSED -> throw new ManagementException(HttpStatus.BAD_REQUEST, "the code is wrong",
                    "TWO_FACTOR_INVALID");
            case LOCKED -> throw new ManagementException(HttpStatus.TOO_MANY_REQUESTS,
                    "too many wrong codes: try again in a few minutes", "TWO_FACTOR_LOCKED");
            case NOT_SET_UP -> throw new ManagementException(HttpStatus.BAD_REQUEST,
                    "two-factor authentication is not set up for this", "TWO_FACTOR_NOT_SET_UP");
        }
    }

    /** Four codes {@code XXXX-XXXX}, as new-api gives. */
    private static List<String> backupCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(RandomSecrets.of(RandomSecrets.UPPER_UNAMBIGUOUS, 4) + "-"
                    + RandomSecrets.of(RandomSecrets.UPPER_UNAMBIGUOUS, 4));
        }
        return codes;
    }
}
