package cn.mediation.query.sweep;

import cn.mediation.core.access.Caller;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.support.BadQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/sweeps?village=&month=YYYY-MM}: a village's screening sweeps of a month. */
@RestController
public class SweepQueryController {

    private final SweepQueries sweeps;
    private final RegionDirectory regions;

    public SweepQueryController(SweepQueries sweeps, RegionDirectory regions) {
        this.sweeps = sweeps;
        this.regions = regions;
    }

    @GetMapping(path = "/api/sweeps", produces = "application/json")
    public Map<String, Object> ofMonth(@RequestParam String village, @RequestParam String month, Caller caller) {
        Region region = regions.find(village).orElse(null);
        if (region == null || region.level() != RegionLevel.VILLAGE) {
            throw new BadQuery("village", "must be a village of the directory");
        }
        if (!month.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new BadQuery("month", "must be a month such as 2026-03");
        }
        caller.requireReach("village", village);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("villageCode", village);
        body.put("villageName", region.name());
        body.put("month", month);
        body.putAll(sweeps.ofMonth(village, month));
        return body;
    }
}
