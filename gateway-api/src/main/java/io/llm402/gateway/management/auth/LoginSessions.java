package io.llm402.gateway.management.auth;

import io.llm402.projections.access.api.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** What other controllers may do to the caller's login session. */
public final class LoginSessions {

    private LoginSessions() {
    }

    /** After the user changed their own credentials: this session carries on under the new stamp, the others end. */
    public static void restamp(HttpServletRequest request, UserView user) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionLogin.ATTRIBUTE) != null) {
            session.setAttribute(SessionLogin.ATTRIBUTE, new SessionLogin(user.userId(), user.credentialsStamp()));
        }
    }
}
