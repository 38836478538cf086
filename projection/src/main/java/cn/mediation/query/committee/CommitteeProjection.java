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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Committees and their current mediators: one document per committee (guarded by the committee's event sequence)
 * and one index document per region listing the committees there, so a region's committees are keyed lookups. Each
 * committee keeps the day it was established, each mediator the day of appointment, and removed mediators stay in
 * {@code former} with the day of removal, so that the roster can be counted as it stood on any day (the official
 * report's organisation figures at the end of its period).
 */
@Component
@ProcessingGroup(CommitteeProjection.GROUP)
public class CommitteeProjection {

    public static final String GROUP = "committees";
    static final String COMMITTEES = "committee_views";
    static final String INDEX = "committee_index";
    static final String META = "committee_meta";
    /** The shape of the documents: 2 added the days of establishment, appointment and removal. */
    static final int FORMAT = 2;

    private final MongoCollection<Document> committees;
    private final MongoCollection<Document> index;
    private final MongoCollection<Document> meta;

    @Autowired
    public CommitteeProjection(MongoDatabase database) {
        this(database, "");
    }

    /** The read model in collections whose names start with {@code prefix} (a replay check's scratch copy). */
    CommitteeProjection(MongoDatabase database, String prefix) {
        this.committees = database.getCollection(prefix + COMMITTEES);
        this.index = database.getCollection(prefix + INDEX);
        this.meta = database.getCollection(prefix + META);
        GuardedDocuments.ensureIndex(committees);
        if (committees.find().first() == null) {
            markFormat();
        }
    }

    /** Whether the documents were written in an older shape (then the read model must be rebuilt). */
    public boolean outdated() {
        Document format = meta.find(new Document("_id", "format")).first();
        return format == null || !Integer.valueOf(FORMAT).equals(format.getInteger("v"));
    }

    private void markFormat() {
        meta.replaceOne(new Document("_id", "format"), new Document("_id", "format").append("v", FORMAT),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(CommitteeEstablishedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> d
                .append("name", e.name()).append("regionCode", e.regionCode()).append("level", e.level().name())
                .append("field", e.field()).append("kind", e.kind() == null ? null : e.kind().name())
                .append("trade", e.trade()).append("established", day(e.date()))
                .append("mediators", new ArrayList<Document>()));
        index.updateOne(new Document("_id", e.regionCode()),
                        new Document("$addToSet", new Document("committeeIds", e.committeeId())),
                        new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(MediatorAppointedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> {
            List<Document> mediators = new ArrayList<>(d.getList("mediators", Document.class, List.of()));
            mediators.add(new Document("mediatorId", e.mediatorId()).append("name", e.name())
                                  .append("fullTime", e.fullTime()).append("appointed", day(e.date())));
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
            // a correction of what was recorded: it holds for the whole of the appointment
            mediators.replaceAll(m -> e.mediatorId().equals(m.getString("mediatorId"))
                    ? new Document(m).append("fullTime", e.fullTime()) : m);
            return d.append("mediators", mediators);
        });
    }

    @EventHandler
    void on(MediatorRemovedEvent e, @SequenceNumber long seq) {
        GuardedDocuments.apply(committees, e.committeeId(), seq, d -> {
            List<Document> mediators = new ArrayList<>(d.getList("mediators", Document.class, List.of()));
            List<Document> former = new ArrayList<>(d.getList("former", Document.class, List.of()));
            mediators.stream().filter(m -> e.mediatorId().equals(m.getString("mediatorId")))
                     .forEach(m -> former.add(new Document(m).append("removed", day(e.date()))));
            mediators.removeIf(m -> e.mediatorId().equals(m.getString("mediatorId")));
            return d.append("mediators", mediators).append("former", former);
        });
    }

    /** Applies one event of the log, as the processor would (anything else is ignored). */
    void apply(Object payload, long seq) {
        if (payload instanceof CommitteeEstablishedEvent e) {
            on(e, seq);
        } else if (payload instanceof MediatorAppointedEvent e) {
            on(e, seq);
        } else if (payload instanceof CommitteeKindRecordedEvent e) {
            on(e, seq);
        } else if (payload instanceof MediatorEmploymentRecordedEvent e) {
            on(e, seq);
        } else if (payload instanceof MediatorRemovedEvent e) {
            on(e, seq);
        }
    }

    MongoCollection<Document> committees() {
        return committees;
    }

    MongoCollection<Document> index() {
        return index;
    }

    /** Drops the read model's collections, format marker included. */
    void drop() {
        committees.drop();
        index.drop();
        meta.drop();
    }

    @ResetHandler
    void reset() {
        committees.drop();
        index.drop();
        GuardedDocuments.ensureIndex(committees);
        markFormat();
    }

    /** A day as ISO text, which sorts as the days do ({@code null}: not recorded). */
    private static String day(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }
}
