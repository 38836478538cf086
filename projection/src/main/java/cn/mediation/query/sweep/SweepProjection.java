package cn.mediation.query.sweep;

import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * A village's screening sweeps (排查) by month: one document per village and month ({@code <village>|YYYY-MM}),
 * listing each sweep once (keyed by its id, so a redelivered event changes nothing). The workbench shows a village's
 * sweeps of the month beside the form that records them.
 */
@Component
@ProcessingGroup(SweepProjection.GROUP)
public class SweepProjection {

    public static final String GROUP = "sweeps";
    static final String COLLECTION = "sweep_months";

    private final MongoCollection<Document> months;

    public SweepProjection(MongoDatabase database) {
        this.months = database.getCollection(COLLECTION);
    }

    static String key(String villageCode, String month) {
        return villageCode + "|" + month;
    }

    @EventHandler
    void on(ScreeningSweepRecordedEvent e) {
        Document sweep = new Document("id", e.sweepId()).append("date", e.date().toString()).append("found", e.found())
                                                         .append("notes", e.notes()).append("actor", e.actor());
        String key = key(e.villageCode(), e.date().toString().substring(0, 7));
        // the sweep's id is the guard: a second delivery finds it listed already
        months.updateOne(new Document("_id", key).append("ids", new Document("$ne", e.sweepId())),
                         new Document("$push", new Document("sweeps", sweep))
                                 .append("$addToSet", new Document("ids", e.sweepId())));
        months.updateOne(new Document("_id", key),
                         new Document("$setOnInsert", new Document("villageCode", e.villageCode())
                                 .append("sweeps", java.util.List.of(sweep)).append("ids", java.util.List.of(e.sweepId()))),
                         new UpdateOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        months.drop();
    }
}
