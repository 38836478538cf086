package cn.mediation.command.web;

import cn.mediation.core.access.Caller;
import cn.mediation.command.dispatch.CommandDispatcher;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.sweep.RecordScreeningSweepCommand;

import java.util.UUID;

/** Checks and sends screening sweeps. */
public class SweepRequestHandler {

    private final CommandDispatcher dispatcher;
    private final RegionDirectory regions;
    private final BusinessDates dates;

    public SweepRequestHandler(CommandDispatcher dispatcher, RegionDirectory regions, BusinessDates dates) {
        this.dispatcher = dispatcher;
        this.regions = regions;
        this.dates = dates;
    }

    public String record(Requests.Sweep body, Caller caller) {
        Violations v = new Violations();
        if (body.id() != null) {
            v.check(body.id().matches("[0-9a-fA-F-]{36}"), "id", "uuid", "must be a UUID");
        }
        if (v.required(body.villageCode(), "villageCode")) {
            Region village = regions.find(body.villageCode()).orElse(null);
            v.check(village != null, "villageCode", "unknownRegion", "unknown region " + Violations.echo(body.villageCode()),
                    Violations.echo(body.villageCode()));
            v.check(village == null || village.level() == RegionLevel.VILLAGE, "villageCode", "notVillage", "must be a village");
        }
        if (v.required(body.found(), "found")) {
            v.check(body.found() >= 0 && body.found() <= 10_000, "found", "range", "must be from 0 to 10000", 0, 10000);
        }
        v.maxLength(body.notes(), 2000, "notes");
        dates.check(body.date(), "date", v);
        v.throwIfAny();
        caller.requireReach("villageCode", body.villageCode());
        String id = body.id() == null ? UUID.randomUUID().toString() : body.id().toLowerCase();
        return dispatcher.send(new RecordScreeningSweepCommand(id, body.villageCode(), body.found(), body.notes(),
                                                               body.date(), caller.username()), null, caller);
    }
}
