package cn.mediation.query.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.eventstore.EventLogPositions;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.query.names.Names;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A case's history for auditors, read from the event store itself: every event with its type, business date,
 * recorded time, actor, global sequence number and a readable summary; and the case as it stood at an instant,
 * folded from its events recorded up to then by the same code that builds the live view.
 */
@Component
public class DisputeHistory {

    private final EventStorageEngine engine;
    private final Names names;

    /** Without a directory of names: units, committees and mediators read as their codes. */
    public DisputeHistory(EventStorageEngine engine) {
        this(engine, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public DisputeHistory(EventStorageEngine engine, Names names) {
        this.engine = engine;
        this.names = names;
    }

    public Optional<List<Map<String, Object>>> history(String disputeId) {
        return history(disputeId, village -> { });
    }

    /**
     * The history, after {@code checkArea} accepted the village where the case arose (it throws to refuse): the
     * case's events are read once, for the check and the answer.
     */
    public Optional<List<Map<String, Object>>> history(String disputeId, Consumer<String> checkArea) {
        List<DomainEventMessage<?>> events = events(disputeId, checkArea);
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof DisputeRegisteredEvent)) {
            return Optional.empty();
        }
        Map<Long, Long> globals = engine instanceof EventLogPositions log
                ? log.globalSequences(disputeId) : Map.of();
        boolean erased = erased(events);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sequence", event.getSequenceNumber());
            entry.put("globalSequence", globals.get(event.getSequenceNumber()));
            String type = payload.getClass().getSimpleName().replace("Event", "");
            entry.put("type", type);
            entry.put("step", STEPS.getOrDefault(type, type));
            entry.put("date", String.valueOf(component(payload, "date")));
            entry.put("recordedAt", event.getTimestamp().toString());
            Object actor = component(payload, "actor");
            entry.put("actor", actor);
            if (names != null) {
                entry.put("actorInfo", names.actor(actor == null ? null : actor.toString()));
            }
            // places, committees and people keep their Chinese names in both languages
            entry.put("summary", summary(payload, erased, naming()));
            entry.put("summaryEn", EnglishSummaries.summary(payload, erased, naming()));
            entries.add(entry);
        }
        return Optional.of(entries);
    }

    /**
     * Each event type's step, a key of the pages' one dictionary of step names (the workbench's forms use the same
     * keys): registration, screening, mediation, … An event not listed here shows its type.
     */
    public static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("DisputeRegistered", "registration"), Map.entry("DisputeScreened", "screening"),
            Map.entry("MediationStarted", "mediation"), Map.entry("MediationSessionRecorded", "sessions"),
            Map.entry("DisputeResolved", "resolution"), Map.entry("MediationFailed", "failure"),
            Map.entry("DisputeEscalated", "escalation"), Map.entry("EscalationAccepted", "escalation/acceptance"),
            Map.entry("DisputeWithdrawn", "withdrawal"), Map.entry("FulfilmentRecorded", "fulfilment"),
            Map.entry("JudicialConfirmationRecorded", "judicial-confirmation"),
            Map.entry("FollowUpRecorded", "follow-up"), Map.entry("DisputeReopened", "reopening"),
            Map.entry("DisputeClosed", "closure"), Map.entry("IncidentRecorded", "incidents"),
            Map.entry("PersonalDataErased", "erasure"));

    /** 预防效果 of a resolution as the summary gives it: the outcomes and their persons, none, or nothing recorded. */
    private static String prevention(DisputeResolvedEvent e) {
        if (e.prevention() == null) {
            return "";
        }
        if (e.prevention().isEmpty()) {
            return "，无预防效果";
        }
        return "，预防效果：" + String.join("、", e.prevention().stream()
                .map(p -> p.outcome().chinese() + " " + p.persons() + " 人").toList());
    }

    /** Names for the summaries: the directory's when there is one, else the codes themselves. */
    interface Naming {
        String unit(String code);

        String committee(String id);

        List<String> mediators(String committeeId, List<String> ids);
    }

    private Naming naming() {
        return new Naming() {
            public String unit(String code) {
                return names == null ? code : names.region(code);
            }

            public String committee(String id) {
                return names == null ? id : names.committee(id);
            }

            public List<String> mediators(String committeeId, List<String> ids) {
                return names == null ? ids : names.mediators(committeeId, ids);
            }
        };
    }

    /**
     * The case as it stood at the end of a business date: folded from its events dated up to then, whenever they
     * were recorded (what the case's own dates say, as opposed to {@link #asOf}, what the system knew at an instant).
     */
    public Optional<Map<String, Object>> asOfDate(String disputeId, LocalDate date, Consumer<String> checkArea) {
        // a dispute's business dates never go back, so the first later one ends its story as of the date
        return folded(disputeId, checkArea,
                      event -> component(event.getPayload(), "date") instanceof LocalDate eventDate
                               && eventDate.isAfter(date),
                      "asOfDate", date.toString());
    }

    /** The view of the case from its events recorded up to {@code asOf}; empty if it did not exist then. */
    public Optional<Map<String, Object>> asOf(String disputeId, Instant asOf) {
        return asOf(disputeId, asOf, village -> { });
    }

    /** The case as it stood then, after {@code checkArea} accepted the village where it arose (see history). */
    public Optional<Map<String, Object>> asOf(String disputeId, Instant asOf, Consumer<String> checkArea) {
        return folded(disputeId, checkArea, event -> event.getTimestamp().isAfter(asOf), "asOf", asOf.toString());
    }

    /**
     * The case's view folded from its events up to the first one {@code after} says is past the moment, marked with
     * that moment under {@code key}; empty if the case did not exist then.
     */
    private Optional<Map<String, Object>> folded(String disputeId, Consumer<String> checkArea,
                                                 java.util.function.Predicate<DomainEventMessage<?>> after,
                                                 String key, String moment) {
        MemoryViewTarget target = new MemoryViewTarget();
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(new DisputeViewProjection(target));
        List<DomainEventMessage<?>> events = events(disputeId, checkArea);
        for (DomainEventMessage<?> event : events) {
            if (after.test(event)) {
                break;
            }
            try {
                adapter.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot fold event " + event.getIdentifier(), e);
            }
        }
        Document view = target.get(disputeId);
        if (view == null) {
            return Optional.empty();
        }
        Map<String, Object> body = DisputeViews.shape(view);
        // erased now means unreadable in every past view too
        body.put("personalDataErased", erased(events));
        body.put(key, moment);
        return Optional.of(body);
    }

    private static boolean erased(List<DomainEventMessage<?>> events) {
        return events.stream().anyMatch(event -> event.getPayload() instanceof PersonalDataErasedEvent);
    }

    List<DomainEventMessage<?>> events(String disputeId, Consumer<String> checkArea) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        if (disputeId == null || disputeId.length() > 64) {
            return events;
        }
        DomainEventStream stream = engine.readEvents(disputeId);
        while (stream.hasNext()) {
            events.add(stream.next());
        }
        if (!events.isEmpty() && events.get(0).getPayload() instanceof DisputeRegisteredEvent registered) {
            checkArea.accept(registered.villageCode());
        }
        return events;
    }

    static Object component(Object payload, String name) {
        if (payload.getClass().isRecord()) {
            for (RecordComponent component : payload.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        return component.getAccessor().invoke(payload);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /**
     * One readable line per event, in Chinese; personal data of the parties never appears. Once it is erased the
     * registration says so ({@code erased}: the dispute has a {@link PersonalDataErasedEvent}).
     */
    static String summary(Object payload, boolean erased) {
        return summary(payload, erased, new Naming() {
            public String unit(String code) {
                return code;
            }

            public String committee(String id) {
                return id;
            }

            public List<String> mediators(String committeeId, List<String> ids) {
                return ids;
            }
        });
    }

    static String summary(Object payload, boolean erased, Naming names) {
        if (payload instanceof DisputeRegisteredEvent e) {
            return "登记纠纷 " + e.caseNumber() + "，领域：" + FieldTaxonomy.find(e.field()).map(f -> f.chinese()).orElse(e.field())
                    + "，来源：" + e.source().chinese()
                    + (e.referredBy() == null ? "" : "（" + e.referredBy().chinese() + "移送）")
                    + "，涉及 " + e.peopleInvolved() + " 人，当事人 "
                    + e.parties().size() + " 方" + (erased ? "（当事人个人信息已删除）" : "");
        }
        if (payload instanceof PersonalDataErasedEvent) {
            return "删除当事人个人信息（姓名、身份证号、电话）";
        }
        if (payload instanceof DisputeScreenedEvent e) {
            return "排查研判：" + e.grade().chinese() + "，" + e.decision().chinese()
                    + (e.groupRisk() ? "，有群体性风险" : "") + (e.criminalRisk() ? "，有民转刑风险" : "")
                    + (e.reason() == null ? "" : "（" + e.reason() + "）");
        }
        if (payload instanceof MediationStartedEvent e) {
            return "开始调解（" + e.channel().chinese() + "），" + names.committee(e.committeeId()) + "，调解员 "
                    + String.join("、", names.mediators(e.committeeId(), e.mediatorIds()));
        }
        if (payload instanceof MediationSessionRecordedEvent e) {
            return "调解会议，参加 " + e.attendees().size() + " 人";
        }
        if (payload instanceof DisputeResolvedEvent e) {
            return "调处成功，" + e.form().chinese() + "协议" + (e.agreedAmount() == null ? "" : "，金额 " + e.agreedAmount().toPlainString() + " 元")
                    + "，在" + e.level().chinese() + "级化解（" + names.unit(e.unit()) + "）" + prevention(e);
        }
        if (payload instanceof MediationFailedEvent e) {
            return "调解不成（" + names.unit(e.unit()) + "）：" + e.reason();
        }
        if (payload instanceof DisputeEscalatedEvent e) {
            return "由" + e.fromLevel().chinese() + "（" + names.unit(e.fromUnit()) + "）上交/移交至" + e.to().chinese()
                    + (e.toUnit() == null ? "" : "（" + names.unit(e.toUnit()) + "）") + "：" + e.reason();
        }
        if (payload instanceof EscalationAcceptedEvent e) {
            return e.level().chinese() + "调解中心受理（" + names.unit(e.unit()) + "）";
        }
        if (payload instanceof DisputeWithdrawnEvent e) {
            return "当事人撤回" + (e.reason() == null ? "" : "：" + e.reason());
        }
        if (payload instanceof FulfilmentRecordedEvent e) {
            return e.fulfilled() ? "协议已履行" : "协议未履行";
        }
        if (payload instanceof JudicialConfirmationRecordedEvent e) {
            return "司法确认：" + e.court();
        }
        if (payload instanceof FollowUpRecordedEvent e) {
            return "回访，满意度 " + e.satisfaction() + " 分";
        }
        if (payload instanceof DisputeReopenedEvent e) {
            return "协议未履行，重新调解" + (e.reason() == null ? "" : "：" + e.reason());
        }
        if (payload instanceof DisputeClosedEvent e) {
            return "结案" + (e.reason() == null ? "" : "：" + e.reason());
        }
        if (payload instanceof IncidentRecordedEvent e) {
            return "记录事件：" + e.kind().chinese();
        }
        return payload.getClass().getSimpleName();
    }

}
