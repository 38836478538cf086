package cn.mediation.query.committee;

import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.CommitteeKindRecordedEvent;
import cn.mediation.core.committee.MediatorEmploymentRecordedEvent;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.committee.MediatorRemovedEvent;
import cn.mediation.query.support.GuardedDocuments;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Committees and their current mediators: one document per committee (guarded by the committee's event sequence)
 * and one index document per region listing the committees there, so a region's committees are keyed lookups.
 */
@Component
@ProcessingGroup(CommitteeProjection.GROUP)
public class CommitteeProjection {

    public static final String GROUP = "committees";
    static final String COMMITTEES = "committee_views";
    static final String INDEX = "committee_index";

    private final MongoCollection<Document> committees;
    private final MongoCollection<Document> index;

    public CommitteeProjection(MongoDatabase database) {
        this.committees = database.getCollection(COMMITTEES);
        this.index = database.getCollection(INDEX);
        GuardedDocuments.ensureIndex(committees);
    }

    @EventHandler
    void on(CommitteeEstablishedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> d
                .append("name", e.name()).append("regionCode", e.regionCode()).append("level", e.level().name())
                .append("field", e.field()).append("kind", e.kind() == null ? null : e.kind().name())
                .append("trade", e.trade()).append("mediators", new ArrayList<Document>()));
        index.updateOne(new Document("_id", e.regionCode()),
                        new Document("$addToSet", new Document("committeeIds", e.committeeId())),
                        new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(MediatorAppointedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> {
            List<Document> mediators = new ArrayList<>(d.getList("mediators", Document.class, List.of()));
            mediators.add(new Document("mediatorId", e.mediatorId()).append("name", e.name())
                                  .append("fullTime", e.fullTime()));
            return d.append("mediators", mediators);
        });
    }

    @EventHandler
    void on(CommitteeKindRecordedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> d.append("kind", e.kind().name())
                                                                        .append("trade", e.trade()));
    }

    @EventHandler
    void on(MediatorEmploymentRecordedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> {
            List<Document> mediators = new ArrayList<>(d.getList("mediators", Document.class, List.of()));
            mediators.replaceAll(m -> e.mediatorId().equals(m.getString("mediatorId"))
                    ? new Document(m).append("fullTime", e.fullTime()) : m);
            return d.append("mediators", mediators);
        });
    }

    @EventHandler
    void on(MediatorRemovedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> {
            List<Document> mediators = new ArrayList<>(d.getList("mediators", Document.class, List.of()));
            mediators.removeIf(m -> e.mediatorId().equals(m.getString("mediatorId")));
            return d.append("mediators", mediators);
        });
    }

    @ResetHandler
    void reset() {
        committees.drop();
        index.drop();
        GuardedDocuments.ensureIndex(committees);
    }
}
