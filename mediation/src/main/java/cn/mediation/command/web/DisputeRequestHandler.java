package cn.mediation.command.web;

import cn.mediation.command.dispute.CaseNumbers;
import cn.mediation.command.dispute.CommandResult;
import cn.mediation.command.dispute.RegistrationResult;
import cn.mediation.command.committee.CommitteeRoster;
import cn.mediation.command.dispatch.CommandDispatcher;
import cn.mediation.core.access.Caller;
import cn.mediation.core.dispute.*;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The edge of the dispute's write side: checks a request against the region directory, the field taxonomy, the
 * committee rosters and the calendar, turns it into a command and sends it.
 */
public class DisputeRequestHandler {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}");
    private static final int TEXT = 2000;

    private final CommandDispatcher dispatcher;
    private final RegionDirectory regions;
    private final CommitteeRoster roster;
    private final CaseNumbers caseNumbers;
    private final BusinessDates dates;
    private final EventStore eventStore;
    private final PersonalKeyVault personalKeys;

    public DisputeRequestHandler(CommandDispatcher dispatcher, RegionDirectory regions, CommitteeRoster roster,
                           CaseNumbers caseNumbers, BusinessDates dates, EventStore eventStore,
                           PersonalKeyVault personalKeys) {
        this.dispatcher = dispatcher;
        this.regions = regions;
        this.roster = roster;
        this.caseNumbers = caseNumbers;
        this.dates = dates;
        this.eventStore = eventStore;
        this.personalKeys = personalKeys;
    }

    public RegistrationResult register(Requests.Register body, Caller caller) {
        Violations v = new Violations();
        if (body.id() != null) {
            v.check(UUID_PATTERN.matcher(body.id()).matches(), "id", "uuid", "must be a UUID");
        }
        if (v.required(body.villageCode(), "villageCode")) {
            Region village = regions.find(body.villageCode()).orElse(null);
            v.check(village != null, "villageCode", "unknownRegion", "unknown region " + Violations.echo(body.villageCode()),
                    Violations.echo(body.villageCode()));
            v.check(village == null || village.level() == RegionLevel.VILLAGE, "villageCode", "notVillage",
                    "must be a village (村/社区), not a " + (village == null ? "" : village.level()));
        }
        if (v.required(body.field(), "field")) {
            v.check(FieldTaxonomy.contains(body.field()), "field", "unknownField", "unknown field "
                    + Violations.echo(body.field()) + " (see /api/fields)", Violations.echo(body.field()));
        }
        v.required(body.source(), "source");
        if (body.referredBy() != null) {
            v.check(body.source() == DisputeSource.REFERRAL, "referredBy", "onlyForReferral",
                    "names who referred the dispute: only for the source REFERRAL (接受委托移送)");
        }
        if (v.required(body.summary(), "summary")) {
            v.maxLength(body.summary(), TEXT, "summary");
        }
        dates.checkRegistration(body.date(), "date", v);
        if (body.occurredOn() != null) {
            v.check(body.date() == null || !body.occurredOn().isAfter(body.date()), "occurredOn", "afterDate",
                    "must not be after date");
            dates.checkEarlier(body.occurredOn(), "occurredOn", v);
        }
        if (v.required(body.peopleInvolved(), "peopleInvolved")) {
            v.check(body.peopleInvolved() >= 1 && body.peopleInvolved() <= 100_000, "peopleInvolved", "range",
                    "must be from 1 to 100000", 1, 100000);
        }
        v.amount(body.amountInvolved(), "amountInvolved");
        List<Party> parties = new ArrayList<>();
        if (v.required(body.parties(), "parties")) {
            v.check(!body.parties().isEmpty(), "parties", "atLeastOne", "must list at least one party");
            v.check(body.parties().size() <= 50, "parties", "tooMany", "must list at most 50 parties", 50);
            for (int i = 0; i < body.parties().size() && i < 50; i++) {
                Requests.PartyBody party = body.parties().get(i);
                String at = "parties[" + i + "]";
                if (!v.required(party, at)) {
                    continue;
                }
                v.required(party.role(), at + ".role");
                if (v.required(party.name(), at + ".name")) {
                    v.maxLength(party.name(), 50, at + ".name");
                }
                if (party.idNumber() != null) {
                    v.check(ResidentIdNumber.isValid(party.idNumber()), at + ".idNumber", "checkDigit",
                            "must be an 18-digit resident ID number with a valid check digit");
                }
                if (party.phone() != null) {
                    v.check(PHONE.matcher(party.phone()).matches(), at + ".phone", "phone",
                            "must be an 11-digit mobile number or an area-code landline number");
                }
                parties.add(new Party(party.role(), party.name(),
                                      party.idNumber() == null ? null : party.idNumber().toUpperCase(),
                                      party.phone()));
            }
        }
        v.throwIfAny();
        caller.requireReach("villageCode", body.villageCode());

        String id = body.id() == null ? UUID.randomUUID().toString() : body.id().toLowerCase();
        String committeeId = "C" + body.villageCode();
        String caseNumber = eventStore.lastSequenceNumberFor(id).isPresent() ? null
                : caseNumbers.next(committeeId, body.villageCode(), body.date().getYear());
        RegisterDisputeCommand command = new RegisterDisputeCommand(
                id, caseNumber, committeeId, body.villageCode(), body.field(), body.source(), body.summary(),
                body.date(), body.occurredOn(), body.peopleInvolved(), body.amountInvolved(), parties, caller.username(),
                body.referredBy());
        return dispatcher.send(command, null, caller);
    }

    public CommandResult screen(String id, Requests.Screening body, Caller caller, Long expected) {
        Violations v = new Violations();
        v.required(body.grade(), "grade");
        v.required(body.decision(), "decision");
        v.maxLength(body.reason(), TEXT, "reason");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new ScreenDisputeCommand(id, body.grade(), body.decision(), body.reason(),
                                                        Boolean.TRUE.equals(body.groupRisk()),
                                                        Boolean.TRUE.equals(body.criminalRisk()), body.date(), caller.username()),
                               expected, caller);
    }

    public CommandResult startMediation(String id, Requests.Mediation body, Caller caller, Long expected) {
        Violations v = new Violations();
        v.required(body.channel(), "channel");
        dates.check(body.date(), "date", v);
        CommitteeRoster.View committee = null;
        if (v.required(body.committeeId(), "committeeId")) {
            committee = roster.find(body.committeeId()).orElse(null);
            v.check(committee != null, "committeeId", "unknownCommittee",
                    "unknown committee " + Violations.echo(body.committeeId()), Violations.echo(body.committeeId()));
        }
        if (v.required(body.mediatorIds(), "mediatorIds")) {
            v.check(!body.mediatorIds().isEmpty(), "mediatorIds", "atLeastOne", "must name at least one mediator");
            v.check(body.mediatorIds().size() <= 20, "mediatorIds", "must name at most 20 mediators");
            if (committee != null) {
                for (int i = 0; i < body.mediatorIds().size() && i < 20; i++) {
                    String mediatorId = body.mediatorIds().get(i);
                    v.check(mediatorId != null && committee.mediators().containsKey(mediatorId),
                            "mediatorIds[" + i + "]", "unknownMediator", "unknown mediator " + Violations.echo(mediatorId) + " on committee "
                                    + committee.committeeId());
                }
            }
        }
        v.throwIfAny();
        return dispatcher.send(new StartMediationCommand(id, committee.committeeId(), committee.regionCode(),
                                                         committee.field(), List.copyOf(body.mediatorIds()),
                                                         body.channel(), body.date(), caller.username()), expected, caller);
    }

    public CommandResult recordSession(String id, Requests.Session body, Caller caller, Long expected) {
        Violations v = new Violations();
        if (v.required(body.attendees(), "attendees")) {
            v.check(body.attendees().size() <= 100, "attendees", "must list at most 100 attendees");
            for (int i = 0; i < body.attendees().size() && i < 100; i++) {
                v.required(body.attendees().get(i), "attendees[" + i + "]");
                v.maxLength(body.attendees().get(i), 50, "attendees[" + i + "]");
            }
        }
        v.maxLength(body.notes(), TEXT, "notes");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new RecordMediationSessionCommand(id, List.copyOf(body.attendees()), body.notes(),
                                                                 body.date(), caller.username()), expected, caller);
    }

    public CommandResult resolve(String id, Requests.Resolution body, Caller caller, Long expected) {
        Violations v = new Violations();
        v.required(body.form(), "form");
        if (v.required(body.terms(), "terms")) {
            v.maxLength(body.terms(), TEXT, "terms");
        }
        v.amount(body.amount(), "amount");
        dates.check(body.date(), "date", v);
        List<Prevention> prevention = prevention(body.prevention(), v);
        v.throwIfAny();
        return dispatcher.send(new ResolveDisputeCommand(id, body.form(), body.terms(), body.amount(), body.date(),
                                                         caller.username(), prevention), expected, caller);
    }

    /** The most persons one prevention outcome may name. */
    static final int MAX_PREVENTION_PERSONS = 100_000;

    /**
     * The prevention outcomes of a resolution, each outcome at most once with at least one person; absent means not
     * recorded, an empty list means none.
     */
    private static List<Prevention> prevention(List<Prevention> given, Violations v) {
        if (given == null) {
            return null;
        }
        java.util.Set<PreventionOutcome> seen = java.util.EnumSet.noneOf(PreventionOutcome.class);
        for (int i = 0; i < given.size() && i < PreventionOutcome.values().length + 1; i++) {
            Prevention p = given.get(i);
            String at = "prevention[" + i + "]";
            if (!v.required(p, at) || !v.required(p.outcome(), at + ".outcome")) {
                continue;
            }
            v.check(seen.add(p.outcome()), at + ".outcome", "duplicate", "names an outcome already listed");
            v.check(p.persons() >= 1 && p.persons() <= MAX_PREVENTION_PERSONS, at + ".persons", "range",
                    "must be from 1 to " + MAX_PREVENTION_PERSONS, 1, MAX_PREVENTION_PERSONS);
        }
        v.check(given.size() <= PreventionOutcome.values().length, "prevention", "tooMany",
                "lists each of the " + PreventionOutcome.values().length + " outcomes at most once",
                PreventionOutcome.values().length);
        return java.util.Collections.unmodifiableList(new ArrayList<>(given));
    }

    public CommandResult fail(String id, Requests.Failure body, Caller caller, Long expected) {
        Violations v = new Violations();
        if (v.required(body.reason(), "reason")) {
            v.maxLength(body.reason(), TEXT, "reason");
        }
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new FailMediationCommand(id, body.reason(), body.date(), caller.username()), expected, caller);
    }

    public CommandResult escalate(String id, Requests.Escalation body, Caller caller, Long expected) {
        Violations v = new Violations();
        v.required(body.to(), "to");
        if (v.required(body.reason(), "reason")) {
            v.maxLength(body.reason(), TEXT, "reason");
        }
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new EscalateDisputeCommand(id, body.to(), body.reason(), body.date(), caller.username()),
                               expected, caller);
    }

    public CommandResult acceptEscalation(String id, Requests.DateOnly body, Caller caller, Long expected) {
        Violations v = new Violations();
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new AcceptEscalationCommand(id, body.date(), caller.username()), expected, caller);
    }

    public CommandResult withdraw(String id, Requests.Reasoned body, Caller caller, Long expected) {
        reasoned(body);
        return dispatcher.send(new WithdrawDisputeCommand(id, body.reason(), body.date(), caller.username()), expected, caller);
    }

    public CommandResult close(String id, Requests.Reasoned body, Caller caller, Long expected) {
        reasoned(body);
        return dispatcher.send(new CloseDisputeCommand(id, body.reason(), body.date(), caller.username()), expected, caller);
    }

    public CommandResult reopen(String id, Requests.Reasoned body, Caller caller, Long expected) {
        reasoned(body);
        return dispatcher.send(new ReopenDisputeCommand(id, body.reason(), body.date(), caller.username()), expected, caller);
    }

    private void reasoned(Requests.Reasoned body) {
        Violations v = new Violations();
        v.maxLength(body.reason(), TEXT, "reason");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
    }

    public CommandResult recordFulfilment(String id, Requests.Fulfilment body, Caller caller, Long expected) {
        Violations v = new Violations();
        v.required(body.fulfilled(), "fulfilled");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new RecordFulfilmentCommand(id, body.fulfilled(), body.date(), caller.username()), expected, caller);
    }

    public CommandResult recordJudicialConfirmation(String id, Requests.JudicialConfirmation body, Caller caller,
                                                    Long expected) {
        Violations v = new Violations();
        if (v.required(body.court(), "court")) {
            v.maxLength(body.court(), 200, "court");
        }
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new RecordJudicialConfirmationCommand(id, body.court(), body.date(), caller.username()),
                               expected, caller);
    }

    public CommandResult recordFollowUp(String id, Requests.FollowUp body, Caller caller, Long expected) {
        Violations v = new Violations();
        if (v.required(body.satisfaction(), "satisfaction")) {
            v.check(body.satisfaction() >= 1 && body.satisfaction() <= 5, "satisfaction", "range",
                    "must be a whole number from 1 to 5", 1, 5);
        }
        v.maxLength(body.notes(), TEXT, "notes");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new RecordFollowUpCommand(id, body.satisfaction(), body.notes(), body.date(), caller.username()),
                               expected, caller);
    }

    public CommandResult recordIncident(String id, Requests.Incident body, Caller caller, Long expected) {
        Violations v = new Violations();
        v.required(body.kind(), "kind");
        v.maxLength(body.notes(), TEXT, "notes");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        return dispatcher.send(new RecordIncidentCommand(id, body.kind(), body.notes(), body.date(), caller.username()),
                               expected, caller);
    }

    /**
     * Erases the parties' personal data: records the erasure on the dispute (refused, like any step, for an unknown
     * dispute or a stale If-Match), then deletes the dispute's key, after which every stored copy of the data reads
     * as null. Erasing again deletes nothing more and records nothing more. Should the process stop between the two,
     * {@link PersonalKeyEraser} deletes the key when it reads the event.
     */
    public CommandResult erasePersonalData(String id, Caller caller, Long expected) {
        CommandResult result = dispatcher.send(new ErasePersonalDataCommand(id, dates.today(), caller.username()),
                                               expected, caller);
        personalKeys.erase(id);
        return result;
    }

    /** Rejects an id that is not a UUID before anything is loaded. */
    public static void checkId(String id) {
        if (id == null || !UUID_PATTERN.matcher(id).matches()) {
            throw new InvalidRequest(List.of(FieldError.of("id", "uuid", "must be a UUID")));
        }
    }
}
