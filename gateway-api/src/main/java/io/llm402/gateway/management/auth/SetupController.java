package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.Role;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementException;
import io.llm402.projections.access.api.FindFirstUserWithRoleQuery;
import io.llm402.projections.access.api.UserView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * new-api's first-run setup. LLM402 creates root at its first start (the password is printed once, or set in the
 * bootstrap file), so setup is always done: {@code GET} says so and {@code POST} answers 409 with the way in. Nobody
 * who reaches a fresh gateway first can make themselves root.
 */
@RestController
class SetupController {

    private final AccessReadModel readModel;

    SetupController(AccessReadModel readModel) {
        this.readModel = readModel;
    }

    record SetupStatus(boolean status, boolean rootInit) {
    }

    @GetMapping("/api/setup")
    Envelope<SetupStatus> status() {
        boolean root = readModel.queryOptional(new FindFirstUserWithRoleQuery(Role.ROOT.wireName()), UserView.class)
                .isPresent();
        return Envelope.ok(new SetupStatus(root, root));
    }

    @PostMapping("/api/setup")
    Envelope<Void> setup() {
        throw ManagementException.conflict("already set up: LLM402 creates the root user at its first start; log in "
                + "as root with the password printed then (or the one in your bootstrap file) and change it");
    }
}
