package cn.mediation.query.directory;

import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.query.support.NotFound;
import cn.mediation.query.support.BadQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The region directory (four levels) and the field taxonomy. */
@RestController
public class DirectoryController {

    private final RegionDirectory regions;

    public DirectoryController(RegionDirectory regions) {
        this.regions = regions;
    }

    @GetMapping(path = "/api/regions", produces = "application/json")
    public List<Map<String, Object>> children(@RequestParam(required = false) String parent) {
        if (parent == null) {
            return regions.top().stream().map(DirectoryController::summary).toList();
        }
        if (!RegionCode.isValid(parent)) {
            throw new BadQuery("parent", "must be a 12-digit region code");
        }
        RegionCode code = RegionCode.of(parent);
        if (!regions.contains(code)) {
            throw new NotFound("No region " + BadQuery.echo(parent));
        }
        return regions.children(code).stream().map(DirectoryController::summary).toList();
    }

    @GetMapping(path = "/api/regions/{code}", produces = "application/json")
    public Map<String, Object> region(@PathVariable String code) {
        Region region = regions.find(code).orElseThrow(() -> new NotFound("No region " + BadQuery.echo(code)));
        Map<String, Object> body = summary(region);
        body.put("parentCode", region.parentCode() == null ? null : region.parentCode().value());
        return body;
    }

    @GetMapping(path = "/api/fields", produces = "application/json")
    public Map<String, Object> fields() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", FieldTaxonomy.VERSION);
        body.put("fields", FieldTaxonomy.all().stream().map(f -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("code", f.code());
            field.put("name", f.chinese());
            field.put("nameEn", f.english());
            return field;
        }).toList());
        return body;
    }

    static Map<String, Object> summary(Region region) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", region.code().value());
        body.put("name", region.name());
        body.put("level", region.level().name());
        return body;
    }
}
