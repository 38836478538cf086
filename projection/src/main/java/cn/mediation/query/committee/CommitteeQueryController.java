package cn.mediation.query.committee;

import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.query.support.BadQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code GET /api/committees?region=}: the committees of an area with their current mediators. */
@RestController
public class CommitteeQueryController {

    private final CommitteeQueries queries;
    private final RegionDirectory regions;

    public CommitteeQueryController(CommitteeQueries queries, RegionDirectory regions) {
        this.queries = queries;
        this.regions = regions;
    }

    @GetMapping(path = "/api/committees", produces = "application/json")
    public List<Map<String, Object>> committees(@RequestParam String region) {
        if (!RegionCode.isValid(region)) {
            throw new BadQuery("region", "must be a 12-digit region code");
        }
        if (regions.find(region).isEmpty()) {
            throw new BadQuery("region", "unknown region " + region);
        }
        return queries.inRegion(region);
    }
}
