package io.llm402.console.pages;

import io.llm402.console.support.ReadModel;
import io.llm402.console.support.Viewers;
import io.llm402.projections.access.api.FindFirstUserWithRoleQuery;
import io.llm402.projections.access.api.UserView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page (password, then the second factor when one is in force) and the first-run page. Both forms post to
 * the management API ({@code /api/user/login}, {@code /api/user/login/2fa}), which opens the session this console
 * shares.
 */
@Controller
class LoginPages {

    private final Viewers viewers;
    private final ReadModel readModel;

    LoginPages(Viewers viewers, ReadModel readModel) {
        this.viewers = viewers;
        this.readModel = readModel;
    }

    @GetMapping("/console/login")
    String login() {
        return viewers.current().isPresent() ? "redirect:/console" : "console/login";
    }

    /**
     * First run: LLM402 creates the root user at its first start (printing a one-time password, or from the
     * bootstrap file), so the page says where to find it and what to change first.
     */
    @GetMapping("/console/setup")
    String setup(Model model) {
        model.addAttribute("rootExists", readModel.optional(new FindFirstUserWithRoleQuery("root"), UserView.class)
                .isPresent());
        return "console/setup";
    }
}
