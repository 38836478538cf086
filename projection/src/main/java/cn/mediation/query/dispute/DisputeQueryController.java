package cn.mediation.query.dispute;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.core.dispute.DisputeAction;
import cn.mediation.core.dispute.DisputeJurisdiction;
import cn.mediation.core.dispute.DisputeLifecycle;
import cn.mediation.core.dispute.DisputeStatus;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.support.BadQuery;
import cn.mediation.query.support.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads of disputes: one case (now or as it stood then), its history, and case lists. */
@RestController
public class DisputeQueryController {

    private final DisputeViews views;
    private final DisputeHistory history;
    private final DisputeLists lists;
    private final PersonalDataReader personalData;
    private final RegionDirectory regions;
    private final CommitteeQueries committees;
    private final CaseFiles caseFiles;

    public DisputeQueryController(DisputeViews views, DisputeHistory history, DisputeLists lists,
                                  PersonalDataReader personalData, RegionDirectory regions,
                                  CommitteeQueries committees, CaseFiles caseFiles) {
        this.regions = regions;
        this.committees = committees;
        this.caseFiles = caseFiles;
        this.views = views;
        this.history = history;
        this.lists = lists;
        this.personalData = personalData;
    }

    @GetMapping(path = "/api/disputes/{id}", produces = "application/json")
    public ResponseEntity<Map<String, Object>> get(@PathVariable String id,
                                                   @RequestParam(required = false) String asOf,
                                                   @RequestParam(required = false) String asOfDate, Caller caller) {
        if (asOfDate != null) {
            caller.requireRole(Role.AUDITOR);
            if (asOf != null) {
                throw new BadQuery("asOfDate", "give asOf (a recorded instant) or asOfDate (a business date), not both");
            }
            java.time.LocalDate date;
            try {
                date = java.time.LocalDate.parse(asOfDate);
            } catch (DateTimeParseException e) {
                throw new BadQuery("asOfDate", "must be a date YYYY-MM-DD");
            }
            return ResponseEntity.ok(history.asOfDate(id, date, inArea(caller)).orElseThrow(
                    () -> new NotFound("No dispute " + BadQuery.echo(id) + " as of " + date)));
        }
        if (asOf != null) {
            caller.requireRole(Role.AUDITOR);
            Instant instant;
            try {
                instant = Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new BadQuery("asOf", "must be an ISO instant such as 2026-03-31T16:00:00Z");
            }
            return ResponseEntity.ok(history.asOf(id, instant, inArea(caller))
                                            .orElseThrow(() -> new NotFound("No dispute " + BadQuery.echo(id) + " as of " + asOf)));
        }
        Map<String, Object> view = views.find(id).orElseThrow(() -> new NotFound("No dispute with id " + BadQuery.echo(id)));
        caller.requireReach("id", String.valueOf(view.get("villageCode")));
        if (ownMediator(caller, view)) {
            view = withPartiesInClear(id, view);
        }
        view = new java.util.LinkedHashMap<>(view);
        view.put("allowedActions", allowedActions(caller, view));
        named(view);
        Map<String, Object> committee = committees.find((String) view.get("committeeId")).orElse(null);
        view.put("committeeName", committee == null ? null : committee.get("name"));
        Map<String, Object> mediating = committees.find((String) view.get("mediationCommitteeId")).orElse(null);
        if (mediating != null) {
            view.put("mediationCommitteeName", mediating.get("name"));
            Map<?, ?> names = (Map<?, ?>) mediating.get("mediatorNames");
            Object ids = view.get("mediatorIds");
            if (ids instanceof List<?> list) {
                view.put("mediators", list.stream().map(mediatorId -> {
                    Map<String, Object> mediator = new java.util.LinkedHashMap<>();
                    mediator.put("id", mediatorId);
                    mediator.put("name", names.get(mediatorId));
                    return mediator;
                }).toList());
            }
        }
        return ResponseEntity.ok().eTag("\"" + view.get("version") + "\"").body(view);
    }

    @GetMapping(path = "/api/disputes/{id}/history", produces = "application/json")
    public Map<String, Object> history(@PathVariable String id, Caller caller) {
        List<Map<String, Object>> events = history.history(id, inArea(caller))
                                                  .orElseThrow(() -> new NotFound("No dispute with id " + BadQuery.echo(id)));
        return Map.of("id", id, "events", events);
    }

    /** The case file (卷宗): the whole record to print, parties masked unless the caller is the case's mediator. */
    @GetMapping(path = "/api/disputes/{id}/file", produces = "application/json")
    public Map<String, Object> file(@PathVariable String id, Caller caller) {
        return caseFiles.file(id, caller).orElseThrow(() -> new NotFound("No dispute with id " + BadQuery.echo(id)));
    }

    @GetMapping(path = "/api/disputes", produces = "application/json")
    public Map<String, Object> list(@RequestParam(required = false) String caseNumber,
                                    @RequestParam(required = false) String region,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String stage,
                                    @RequestParam(required = false) String q,
                                    @RequestParam(required = false) String field,
                                    @RequestParam(required = false) String overdue,
                                    @RequestParam(required = false) String handlingUnit,
                                    @RequestParam(required = false, defaultValue = "0") int page,
                                    @RequestParam(required = false, defaultValue = "20") int size,
                                    Caller caller) {
        if (caseNumber != null && !caseNumber.isBlank()) {
            // a case outside the caller's area is simply not found: the number tells nothing
            List<Map<String, Object>> items = views.findByCaseNumber(caseNumber.strip()).stream()
                    .filter(view -> caller.reaches(String.valueOf(view.get("villageCode")))).toList();
            return Map.of("total", items.size(), "complete", true, "page", 0, "size", items.size(), "items", items);
        }
        boolean noArea = (region == null || region.isBlank()) && (handlingUnit == null || handlingUnit.isBlank());
        String area = noArea ? caller.scope().value() : region;
        caller.requireReach("region", area);
        caller.requireReach("handlingUnit", handlingUnit);
        requireKnown("region", region);
        requireKnown("handlingUnit", handlingUnit);
        Map<String, Object> found = new java.util.LinkedHashMap<>(
                lists.list(area, status, stage, q, field, overdue, handlingUnit, page, size));
        found.put("items", ((List<?>) found.get("items")).stream().map(item -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> named = new java.util.LinkedHashMap<>((Map<String, Object>) item);
            named(named);
            return named;
        }).toList());
        return found;
    }

    /** Puts the names of the village and units beside their codes: a person reads names. */
    private void named(Map<String, Object> view) {
        for (String key : List.of("villageCode", "handlingUnit", "escalatedToUnit")) {
            Object code = view.get(key);
            String name = code == null ? null : regions.find(String.valueOf(code)).map(r -> r.name()).orElse(null);
            view.put(key.replace("Code", "") + "Name", name);
        }
    }

    /** A region code of the right form that the directory does not know names no area: refused, as statistics do. */
    private void requireKnown(String parameter, String code) {
        if (code != null && !code.isBlank() && RegionCode.isValid(code) && regions.find(code).isEmpty()) {
            throw new BadQuery(parameter, "unknown region " + code);
        }
    }

    /**
     * The steps this caller may take on the case now, as the API names them: the lifecycle's steps for the case's
     * status, kept to those the caller's role and area pass (the rules the aggregate applies to the command).
     */
    static List<String> allowedActions(Caller caller, Map<String, Object> view) {
        Object status = view.get("status");
        if (status == null) {
            return List.of();
        }
        DisputeStatus current = DisputeStatus.valueOf(String.valueOf(status));
        Object outcome = view.get("resolvedOutcome");
        // views written before the field existed: a resolution is the outcome when the case was resolved
        boolean resolvedOutcome = outcome instanceof Boolean b ? b : view.get("resolvedOn") != null
                && view.get("failedOn") == null;
        Object fulfilled = view.get("fulfilled");
        Set<DisputeAction> byLifecycle = DisputeLifecycle.allowedActions(
                current, resolvedOutcome, fulfilled instanceof Boolean b ? b : null);
        Set<DisputeAction> allowed = DisputeJurisdiction.allowedFor(
                caller, byLifecycle, (String) view.get("villageCode"), (String) view.get("handlingUnit"),
                (String) view.get("escalatedToUnit"));
        return allowed.stream().map(DisputeAction::resource).toList();
    }

    /**
     * The dispute's own mediators — those who may act on it now, its handling unit lying in their area — see the
     * parties in clear; everyone else sees the read model's masked forms.
     */
    private static boolean ownMediator(Caller caller, Map<String, Object> view) {
        return caller.is(Role.MEDIATOR) && caller.reaches(String.valueOf(view.get("handlingUnit")));
    }

    private Map<String, Object> withPartiesInClear(String id, Map<String, Object> view) {
        List<Party> parties = personalData.partiesOf(id).orElse(null);
        if (parties == null || Boolean.TRUE.equals(view.get("personalDataErased"))) {
            return view;
        }
        Map<String, Object> clear = new java.util.LinkedHashMap<>(view);
        clear.put("parties", parties.stream().map(party -> {
            Map<String, Object> shown = new java.util.LinkedHashMap<>();
            shown.put("role", party.role().name());
            shown.put("name", party.name());
            shown.put("idNumber", party.idNumber());
            shown.put("phone", party.phone());
            return shown;
        }).toList());
        clear.put("personalDataInClear", true);
        return clear;
    }

    /** Refuses a case that arose outside the caller's area, judged on its registration in the event store. */
    private static java.util.function.Consumer<String> inArea(Caller caller) {
        return village -> caller.requireReach("id", village);
    }
}
