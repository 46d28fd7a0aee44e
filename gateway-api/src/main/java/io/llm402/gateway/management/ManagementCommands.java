package io.llm402.gateway.management;

import io.llm402.domain.account.api.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends the management API's commands with their actor in the metadata ({@code actor}, {@code actor_role}), which
 * Axon copies onto every event the command appends: each change records who made it.
 */
@Component
public class ManagementCommands {

    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLE = "actor_role";
    /** Why, where a change needs one (an admin's balance correction). */
    public static final String REASON = "reason";

    private final CommandGateway commands;

    public ManagementCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> R send(Object command, Caller caller) {
        return send(command, caller.actor());
    }

    public <R> R send(Object command, Actor actor) {
        return commands.sendAndWait(command, metaData(actor));
    }

    public <R> R send(Object command, Caller caller, String reason) {
        return commands.sendAndWait(command, metaData(caller.actor()).and(REASON, reason));
    }

    public static MetaData metaData(Actor actor) {
        return MetaData.with(ACTOR, actor.userId()).and(ACTOR_ROLE, actor.role().wireName());
    }
}
