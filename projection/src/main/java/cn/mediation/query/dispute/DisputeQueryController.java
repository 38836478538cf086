package cn.mediation.query.dispute;

import cn.mediation.query.support.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Reads of single disputes from the dispute view. */
@RestController
public class DisputeQueryController {

    private final DisputeViews views;

    public DisputeQueryController(DisputeViews views) {
        this.views = views;
    }

    @GetMapping(path = "/api/disputes/{id}", produces = "application/json")
    public ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
        return views.find(id)
                    .map(view -> ResponseEntity.ok().eTag("\"" + view.get("version") + "\"").body(view))
                    .orElseThrow(() -> new NotFound("No dispute with id " + id));
    }
}
