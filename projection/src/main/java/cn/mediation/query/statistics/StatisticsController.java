package cn.mediation.query.statistics;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code GET /api/statistics} and the drill-through to the disputes behind a figure. */
@RestController
public class StatisticsController {

    private final StatisticsService statistics;
    private final DrillThrough drillThrough;

    public StatisticsController(StatisticsService statistics, DrillThrough drillThrough) {
        this.statistics = statistics;
        this.drillThrough = drillThrough;
    }

    @GetMapping(path = "/api/statistics", produces = "application/json")
    public Map<String, Object> statistics(@RequestParam(required = false) String region,
                                          @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String field,
                                          @RequestParam(required = false) String asOf, Caller caller) {
        if (asOf != null) {
            caller.requireRole(Role.AUDITOR);
        }
        return statistics.statistics(statistics.parse(area(region, caller), from, to, field, asOf));
    }

    @GetMapping(path = "/api/statistics/cases", produces = "application/json")
    public Map<String, Object> cases(@RequestParam(required = false) String region,
                                     @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String field,
                                     @RequestParam(required = false) String figure,
                                     @RequestParam(required = false, defaultValue = "0") int page,
                                     @RequestParam(required = false, defaultValue = "50") int size,
                                     Caller caller) {
        return drillThrough.cases(statistics.parse(area(region, caller), from, to, field, null), figure, page, size);
    }

    /** The region asked for, which must lie in the caller's scope; the scope itself when none is given. */
    private static String area(String region, Caller caller) {
        if (region == null || region.isBlank()) {
            return caller.scope().value();
        }
        caller.requireReach("region", region);
        return region;
    }
}
