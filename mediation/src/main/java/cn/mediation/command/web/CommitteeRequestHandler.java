package cn.mediation.command.web;

import cn.mediation.core.committee.RecordCommitteeKindCommand;
import cn.mediation.core.committee.RecordMediatorEmploymentCommand;
import cn.mediation.command.committee.CommitteeRoster;
import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.access.Caller;
import cn.mediation.command.dispatch.CommandDispatcher;
import cn.mediation.core.committee.AppointMediatorCommand;
import cn.mediation.core.committee.EstablishCommitteeCommand;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.RegionDirectory;

import java.time.LocalDate;
import java.util.UUID;

/** Checks and sends the commands of committees and their rosters. */
public class CommitteeRequestHandler {

    private static final String ID = "[A-Za-z0-9_-]{1,64}";

    private final CommandDispatcher dispatcher;
    private final RegionDirectory regions;
    private final CommitteeRoster roster;
    private final BusinessDates dates;

    public CommitteeRequestHandler(CommandDispatcher dispatcher, RegionDirectory regions, CommitteeRoster roster,
                             BusinessDates dates) {
        this.dispatcher = dispatcher;
        this.regions = regions;
        this.roster = roster;
        this.dates = dates;
    }

    public String establish(Requests.NewCommittee body, Caller caller) {
        Violations v = new Violations();
        if (body.id() != null) {
            v.check(body.id().matches(ID), "id", "must be 1-64 letters, digits, '-' or '_'");
        }
        if (v.required(body.name(), "name")) {
            v.maxLength(body.name(), 100, "name");
        }
        if (v.required(body.regionCode(), "regionCode")) {
            v.check(regions.find(body.regionCode()).isPresent(), "regionCode", "unknown region " + Violations.echo(body.regionCode()));
        }
        if (body.field() != null) {
            v.check(FieldTaxonomy.contains(body.field()), "field", "unknown field " + Violations.echo(body.field()));
        }
        checkTrade(body.kind(), body.trade(), v);
        LocalDate established = body.date() == null ? dates.today() : body.date();
        dates.check(established, "date", v);
        v.throwIfAny();
        caller.requireReach("regionCode", body.regionCode());
        String id = body.id() == null ? UUID.randomUUID().toString() : body.id();
        return dispatcher.send(new EstablishCommitteeCommand(id, body.name(), body.regionCode(), body.field(),
                                                             established, caller.username(), body.kind(),
                                                             body.trade()), null, caller);
    }

    /** Records the kind (and trade) of a committee, e.g. one established before kinds were recorded. */
    public String recordKind(String committeeId, Requests.CommitteeKindBody body, Caller caller) {
        CommitteeRoster.View committee = known(committeeId);
        caller.requireReach("committeeId", committee.regionCode());
        Violations v = new Violations();
        v.required(body.kind(), "kind");
        checkTrade(body.kind(), body.trade(), v);
        v.throwIfAny();
        return dispatcher.send(new RecordCommitteeKindCommand(committeeId, body.kind(), body.trade(), dates.today(),
                                                              caller.username()), null, caller);
    }

    /** Records whether a mediator of the committee serves full-time or part-time. */
    public String recordEmployment(String committeeId, String mediatorId, Requests.Employment body, Caller caller) {
        CommitteeRoster.View committee = known(committeeId);
        caller.requireReach("committeeId", committee.regionCode());
        Violations v = new Violations();
        v.required(body.fullTime(), "fullTime");
        v.check(mediatorId != null && committee.mediators().containsKey(mediatorId), "mediatorId", "unknownMediator",
                "unknown mediator " + Violations.echo(mediatorId) + " on committee " + committeeId);
        v.throwIfAny();
        return dispatcher.send(new RecordMediatorEmploymentCommand(committeeId, mediatorId, body.fullTime(),
                                                                   dates.today(), caller.username()), null, caller);
    }

    private CommitteeRoster.View known(String committeeId) {
        CommitteeRoster.View committee = committeeId == null || !committeeId.matches(ID) ? null
                : roster.find(committeeId).orElse(null);
        if (committee == null) {
            throw InvalidRequest.of("committeeId", "unknown committee " + Violations.echo(committeeId));
        }
        return committee;
    }

    private static void checkTrade(CommitteeKind kind, String trade, Violations v) {
        if (trade != null) {
            v.check(kind == CommitteeKind.PROFESSIONAL, "trade", "tradeOnlyForProfessional",
                    "names the trade of a trade committee (kind PROFESSIONAL) only");
            v.maxLength(trade, 50, "trade");
        }
    }

    public String appoint(String committeeId, Requests.NewMediator body, Caller caller) {
        CommitteeRoster.View committee = known(committeeId);
        caller.requireReach("committeeId", committee.regionCode());
        Violations v = new Violations();
        if (body.mediatorId() != null) {
            v.check(body.mediatorId().matches(ID), "mediatorId", "must be 1-64 letters, digits, '-' or '_'");
        }
        if (v.required(body.name(), "name")) {
            v.maxLength(body.name(), 50, "name");
        }
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        String mediatorId = body.mediatorId() == null ? UUID.randomUUID().toString() : body.mediatorId();
        return dispatcher.send(new AppointMediatorCommand(committeeId, mediatorId, body.name(), body.date(),
                                                          caller.username(), body.fullTime()), null, caller);
    }
}
