package cn.mediation.command.web;

import cn.mediation.command.dispute.Dispute;
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

    public <R> R send(Object command, Long expectedVersion) {
        MetaData metaData = expectedVersion == null ? MetaData.emptyInstance()
                : MetaData.with(Dispute.EXPECTED_VERSION, expectedVersion);
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
