package cn.mediation.command.dispatch;

import cn.mediation.command.dispute.Dispute;
import cn.mediation.core.access.Caller;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends commands and waits for their result. A {@link ConcurrencyException} means another command on the same
 * aggregate committed first: the command is run again on the fresh state (its handler checks again, and an If-Match
 * version still guards the client's intent), so concurrent edits never lose a write.
 */
public class CommandDispatcher {

    private static final int ATTEMPTS = 5;

    private final CommandGateway gateway;

    public CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends a command on behalf of the caller: its scope goes along for the aggregate's jurisdiction check. */
    public <R> R send(Object command, Long expectedVersion, Caller caller) {
        return send(command, expectedVersion, MetaData.with(Dispute.ACTOR_SCOPE, caller.scope().value()));
    }

    /**
     * Sends a command the application itself issues (sample committees, the demo year): no user, so no area limit.
     * Never for a request's command.
     */
    public <R> R sendAsApplication(Object command, Long expectedVersion) {
        return send(command, expectedVersion, MetaData.emptyInstance());
    }

    private <R> R send(Object command, Long expectedVersion, MetaData scope) {
        MetaData metaData = expectedVersion == null ? scope : scope.and(Dispute.EXPECTED_VERSION, expectedVersion);
        ConcurrencyException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return gateway.sendAndWait(new GenericCommandMessage<>(command, metaData));
            } catch (ConcurrencyException e) {
                last = e;
            } catch (CommandExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
        throw last;
    }
}
