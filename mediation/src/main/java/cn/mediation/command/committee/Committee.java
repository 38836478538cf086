package cn.mediation.command.committee;

import cn.mediation.command.dispute.RuleViolation;
import cn.mediation.core.committee.*;
import cn.mediation.core.region.RegionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A mediation committee (调解委员会) of an area, or an industry committee of a field, and its roster of mediators.
 * Appointing and removing mediators are events of their own.
 */
@Aggregate
public class Committee {

    @AggregateIdentifier
    private String committeeId;
    private String name;
    private String regionCode;
    private String field;
    private CommitteeKind kind;
    private String trade;
    private java.time.LocalDate established;
    private final Map<String, String> mediators = new LinkedHashMap<>();
    private final Map<String, Boolean> fullTime = new LinkedHashMap<>();

    protected Committee() {
    }

    /** Establishing the same committee again with the same details is a no-op; other details are refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(EstablishCommitteeCommand command) {
        if (committeeId != null) {
            if (Objects.equals(name, command.name()) && Objects.equals(regionCode, command.regionCode())
                    && Objects.equals(field, command.field())) {
                return committeeId;
            }
            throw new RuleViolation("id", "taken", "Committee " + command.committeeId() + " already exists with other details");
        }
        apply(new CommitteeEstablishedEvent(command.committeeId(), command.name(), command.regionCode(),
                                            RegionCode.of(command.regionCode()).level(), command.field(),
                                            command.date(), command.actor(), command.kind(), command.trade()));
        return command.committeeId();
    }

    /** Appointing a mediator already on the roster under the same name is a no-op (a retry). */
    @CommandHandler
    public String handle(AppointMediatorCommand command) {
        String existing = mediators.get(command.mediatorId());
        if (existing != null) {
            if (existing.equals(command.name())) {
                return command.mediatorId();
            }
            throw new RuleViolation("mediatorId", "alreadyAppointed", "Mediator " + command.mediatorId() + " is already on this committee");
        }
        if (established != null && command.date().isBefore(established)) {
            // the roster on a day counts a mediator from appointment, within a committee that existed then
            throw new RuleViolation("date", "beforeEstablished", "The appointment date " + command.date()
                    + " is before the committee was established, " + established, command.date(), established);
        }
        apply(new MediatorAppointedEvent(committeeId, command.mediatorId(), command.name(), regionCode,
                                         command.date(), command.actor(), command.fullTime()));
        return command.mediatorId();
    }

    /** Recording the kind the committee already has is a no-op. */
    @CommandHandler
    public String handle(RecordCommitteeKindCommand command) {
        if (command.kind() != kind || !Objects.equals(command.trade(), trade)) {
            apply(new CommitteeKindRecordedEvent(committeeId, command.kind(), command.trade(), regionCode,
                                                 command.date(), command.actor()));
        }
        return committeeId;
    }

    /** Recording what is already recorded is a no-op; the mediator must be on the roster. */
    @CommandHandler
    public String handle(RecordMediatorEmploymentCommand command) {
        if (!mediators.containsKey(command.mediatorId())) {
            throw new RuleViolation("mediatorId", "notAppointed", "Mediator " + command.mediatorId() + " is not on this committee");
        }
        if (!Boolean.valueOf(command.fullTime()).equals(fullTime.get(command.mediatorId()))) {
            apply(new MediatorEmploymentRecordedEvent(committeeId, command.mediatorId(), command.fullTime(),
                                                      regionCode, command.date(), command.actor()));
        }
        return command.mediatorId();
    }

    @CommandHandler
    public String handle(RemoveMediatorCommand command) {
        if (!mediators.containsKey(command.mediatorId())) {
            throw new RuleViolation("mediatorId", "notAppointed", "Mediator " + command.mediatorId() + " is not on this committee");
        }
        apply(new MediatorRemovedEvent(committeeId, command.mediatorId(), command.reason(), regionCode,
                                       command.date(), command.actor()));
        return command.mediatorId();
    }

    @EventSourcingHandler
    void on(CommitteeEstablishedEvent event) {
        committeeId = event.committeeId();
        name = event.name();
        regionCode = event.regionCode();
        field = event.field();
        kind = event.kind();
        trade = event.trade();
        established = event.date();
    }

    @EventSourcingHandler
    void on(CommitteeKindRecordedEvent event) {
        kind = event.kind();
        trade = event.trade();
    }

    @EventSourcingHandler
    void on(MediatorEmploymentRecordedEvent event) {
        fullTime.put(event.mediatorId(), event.fullTime());
    }

    @EventSourcingHandler
    void on(MediatorAppointedEvent event) {
        mediators.put(event.mediatorId(), event.name());
        fullTime.put(event.mediatorId(), event.fullTime());
    }

    @EventSourcingHandler
    void on(MediatorRemovedEvent event) {
        mediators.remove(event.mediatorId());
        fullTime.remove(event.mediatorId());
    }
}
