package io.llm402.domain.account;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserAction;
import io.llm402.domain.account.api.UserManagementRefusedException;
import io.llm402.domain.account.api.UserManagementRefusedException.Reason;

/**
 * Who may do what to whom (new-api's rules, identity.md §1.1): an admin acts only on lower roles; root acts on
 * anyone, but root is never disabled, deleted or demoted; nobody creates or raises a role to their own or above;
 * promoting is root's alone; a user may delete themselves, unless they are root.
 */
final class UserRules {

    private UserRules() {
    }

    /** Someone registering themselves is the actor of their own creation: only as a user. */
    static void checkMayCreate(Actor actor, String userId, Role role) {
        if (actor.is(userId)) {
            if (role != Role.USER) {
                throw forbidden("a self-registered account is a user account");
            }
            return;
        }
        if (role.compareTo(actor.role()) >= 0 && actor != Actor.BOOTSTRAP) {
            throw forbidden("you cannot create a user with a role equal to or above your own");
        }
    }

    static void checkMayEdit(Actor actor, String userId, Role current, Role wanted) {
        if (!actor.is(userId)) {
            checkMayActOn(actor, current);
        }
        if (wanted != current) {
            if (current == Role.ROOT) {
                throw forbidden("the root user's role cannot be changed");
            }
            if (wanted.compareTo(actor.role()) >= 0) {
                throw forbidden("you cannot give a role equal to or above your own");
            }
        }
    }

    static void checkMayManage(Actor actor, String userId, Role current, UserAction action) {
        boolean selfDelete = action == UserAction.DELETE && actor.is(userId);
        if (current == Role.ROOT && action != UserAction.ENABLE) {
            throw forbidden("the root user cannot be disabled, deleted or demoted");
        }
        if (!selfDelete) {
            checkMayActOn(actor, current);
        }
        if (action == UserAction.PROMOTE && actor.role() != Role.ROOT) {
            throw forbidden("only root may promote a user to admin");
        }
    }

    /** A second factor is reset by its user, or by someone who may manage them (an admin for lower roles). */
    static void checkMayReset(Actor actor, String userId, Role current) {
        if (!actor.is(userId)) {
            checkMayActOn(actor, current);
        }
    }

    private static void checkMayActOn(Actor actor, Role target) {
        if (actor.role() != Role.ROOT && target.compareTo(actor.role()) >= 0) {
            throw forbidden("you may only manage users with a lower role than yours");
        }
    }

    private static UserManagementRefusedException forbidden(String message) {
        return new UserManagementRefusedException(Reason.FORBIDDEN, message);
    }
}
