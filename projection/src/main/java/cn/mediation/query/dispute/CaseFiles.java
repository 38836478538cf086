package cn.mediation.query.dispute;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.core.dispute.*;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.query.names.Names;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A case's whole record laid out as a mediation file (卷宗), read from the event store: the registration, the
 * parties by role (in clear only for the case's own mediators, masked for everyone else), every step with its date,
 * handling unit, mediators and actor, the agreement, fulfilment, judicial confirmation and follow-ups. The page
 * {@code /cases/{id}/file} prints it; step names come from the pages' one dictionary, by each step's key.
 */
@Component
public class CaseFiles {

    private final DisputeHistory history;
    private final DisputeViews views;
    private final PersonalDataReader personalData;
    private final Names names;

    public CaseFiles(DisputeHistory history, DisputeViews views, PersonalDataReader personalData, Names names) {
        this.history = history;
        this.views = views;
        this.personalData = personalData;
        this.names = names;
    }

    public Optional<Map<String, Object>> file(String disputeId, Caller caller) {
        caller.requireRole(Role.MEDIATOR, Role.ANALYST, Role.AUDITOR);
        List<DomainEventMessage<?>> events = history.events(disputeId, village -> caller.requireReach("id", village));
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof DisputeRegisteredEvent registered)) {
            return Optional.empty();
        }
        Map<String, Object> view = views.find(disputeId).orElse(Map.of());
        List<Map<String, Object>> entries = history.history(disputeId).orElse(List.of());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", disputeId);
        file.put("caseNumber", registered.caseNumber());
        file.put("committee", names.committee(registered.committeeId()));
        file.put("villageCode", registered.villageCode());
        file.put("village", names.region(registered.villageCode()));
        file.put("field", FieldTaxonomy.find(registered.field()).map(f -> Map.of("code", f.code(), "name", f.chinese(),
                                                                                   "nameEn", f.english()))
                                       .orElse(Map.of("code", registered.field(), "name", registered.field(),
                                                      "nameEn", registered.field())));
        file.put("source", registered.source().name());
        file.put("registeredOn", registered.date().toString());
        file.put("occurredOn", registered.occurredOn() == null ? null : registered.occurredOn().toString());
        file.put("peopleInvolved", registered.peopleInvolved());
        file.put("amountInvolved", registered.amountInvolved() == null ? null
                : registered.amountInvolved().toPlainString());
        file.put("summary", registered.summary());
        file.put("status", view.get("status"));
        file.put("riskGrade", view.get("riskGrade"));
        file.put("handlingLevel", view.get("handlingLevel"));
        file.put("handlingUnit", names.region(String.valueOf(view.get("handlingUnit"))));
        boolean erased = Boolean.TRUE.equals(view.get("personalDataErased"));
        file.put("personalDataErased", erased);
        boolean inClear = !erased && caller.is(Role.MEDIATOR)
                && caller.reaches(String.valueOf(view.get("handlingUnit")));
        file.put("partiesInClear", inClear);
        file.put("parties", inClear ? clearParties(disputeId).orElse(maskedParties(view)) : maskedParties(view));

        List<Map<String, Object>> steps = new ArrayList<>();
        String unit = registered.villageCode();
        List<String> mediators = List.of();
        Map<String, Object> agreement = null;
        Map<String, Object> fulfilment = null;
        Map<String, Object> confirmation = null;
        List<Map<String, Object>> followUps = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object payload = events.get(i).getPayload();
            if (payload instanceof MediationStartedEvent e) {
                unit = e.unit();
                mediators = names.mediators(e.committeeId(), e.mediatorIds());
            } else if (payload instanceof EscalationAcceptedEvent e) {
                unit = e.unit();
                mediators = List.of();
            } else if (payload instanceof DisputeResolvedEvent e) {
                unit = e.unit();
                agreement = new LinkedHashMap<>();
                agreement.put("form", e.form().name());
                agreement.put("terms", e.terms());
                agreement.put("amount", e.agreedAmount() == null ? null : e.agreedAmount().toPlainString());
                agreement.put("date", e.date().toString());
                agreement.put("level", e.level().name());
                agreement.put("unit", names.region(e.unit()));
            } else if (payload instanceof MediationFailedEvent e) {
                unit = e.unit();
            } else if (payload instanceof FulfilmentRecordedEvent e) {
                fulfilment = Map.of("fulfilled", e.fulfilled(), "date", e.date().toString());
            } else if (payload instanceof JudicialConfirmationRecordedEvent e) {
                confirmation = Map.of("court", e.court(), "date", e.date().toString());
            } else if (payload instanceof FollowUpRecordedEvent e) {
                Map<String, Object> visit = new LinkedHashMap<>();
                visit.put("date", e.date().toString());
                visit.put("satisfaction", e.satisfaction());
                visit.put("notes", e.notes());
                followUps.add(visit);
            } else if (payload instanceof DisputeReopenedEvent) {
                agreement = null;
                fulfilment = null;
            }
            Map<String, Object> step = new LinkedHashMap<>(i < entries.size() ? entries.get(i) : Map.of());
            String stepUnit = payload instanceof DisputeEscalatedEvent e ? e.fromUnit() : unit;
            step.put("unit", names.region(stepUnit));
            step.put("mediators", mediators);
            steps.add(step);
        }
        file.put("steps", steps);
        file.put("agreement", agreement);
        file.put("fulfilment", fulfilment);
        file.put("judicialConfirmation", confirmation);
        file.put("followUps", followUps);
        return Optional.of(file);
    }

    private Optional<List<Map<String, Object>>> clearParties(String disputeId) {
        return personalData.partiesOf(disputeId).map(parties -> parties.stream().map(party -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("role", party.role().name());
            shown.put("name", party.name());
            shown.put("idNumber", party.idNumber());
            shown.put("phone", party.phone());
            return shown;
        }).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maskedParties(Map<String, Object> view) {
        Object parties = view.get("parties");
        if (!(parties instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Object party : list) {
            shown.add(new LinkedHashMap<>((Map<String, Object>) party));
        }
        return shown;
    }
}
