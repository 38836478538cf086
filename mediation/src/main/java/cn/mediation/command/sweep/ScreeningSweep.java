package cn.mediation.command.sweep;

import cn.mediation.command.dispute.RuleViolation;
import cn.mediation.core.sweep.RecordScreeningSweepCommand;
import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A screening sweep (排查活动), recorded on its own: a village, a date, how many disputes it found. */
@Aggregate
public class ScreeningSweep {

    @AggregateIdentifier
    private String sweepId;
    private ScreeningSweepRecordedEvent recorded;

    protected ScreeningSweep() {
    }

    /** A retried recording with the same details is a no-op; the same id with other details is refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RecordScreeningSweepCommand command) {
        if (recorded != null) {
            if (Objects.equals(recorded.villageCode(), command.villageCode()) && recorded.found() == command.found()
                    && Objects.equals(recorded.date(), command.date())
                    && Objects.equals(recorded.notes(), command.notes())) {
                return sweepId;
            }
            throw new RuleViolation("id", "taken", "Sweep " + command.sweepId() + " is already recorded with other details");
        }
        if (command.found() < 0) {
            throw new RuleViolation("found", "negative", "A sweep cannot find a negative number of disputes");
        }
        apply(new ScreeningSweepRecordedEvent(command.sweepId(), command.villageCode(), command.found(),
                                              command.notes(), command.date(), command.actor()));
        return command.sweepId();
    }

    @EventSourcingHandler
    void on(ScreeningSweepRecordedEvent event) {
        sweepId = event.sweepId();
        recorded = event;
    }
}
