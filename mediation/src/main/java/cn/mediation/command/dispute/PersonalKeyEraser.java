package cn.mediation.command.dispute;

import cn.mediation.core.dispute.PersonalDataErasedEvent;
import cn.mediation.core.privacy.PersonalKeyVault;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Deletes the key of every dispute whose erasure is recorded. The edge deletes it right after recording the
 * erasure; this tracking handler makes sure of it if the process stopped in between (and on a new database
 * restored from the log). Deleting a deleted key changes nothing, so replays are harmless.
 */
@Component
@ProcessingGroup(PersonalKeyEraser.GROUP)
public class PersonalKeyEraser {

    public static final String GROUP = "personal-keys";

    private final PersonalKeyVault vault;

    public PersonalKeyEraser(PersonalKeyVault vault) {
        this.vault = vault;
    }

    @EventHandler
    void on(PersonalDataErasedEvent event) {
        vault.erase(event.disputeId());
    }
}
