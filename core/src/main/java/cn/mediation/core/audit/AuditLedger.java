package cn.mediation.core.audit;

import cn.mediation.core.eventstore.layout.EventCollections;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.TIMESTAMP;
import static cn.mediation.core.eventstore.layout.EventFields.VOID;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

/**
 * Seals finished days of the event log: for each calendar day in China Standard Time that ended at least the margin
 * ago, one document in {@code audit_digests} ({@code _id} = {@code yyyy-MM-dd}) with the number of the day's events
 * and a {@link DayDigest} over their hashes in global order. A day belongs to an event by the event's own timestamp,
 * so the margin is the time an append may take; void numbers of refused appends have no timestamp and count for no
 * day.
 *
 * <p>Why: a hash chain alone is consistent again once someone rewrites an event and every later hash of its
 * aggregate; a sealed digest fixes the day's hashes as they were when it was sealed. Days are sealed in order, each
 * once; days without events are sealed with a count of 0, so that emptying a day is seen too. Sealing the same day
 * twice at once (two instances) stores it once.
 */
public final class AuditLedger {

    /** Days are those of the committees: China Standard Time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duration DEFAULT_MARGIN = Duration.ofHours(1);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> digests;
    private final Duration margin;
    private final DaySeal seal;

    public AuditLedger(MongoCollection<Document> events, MongoCollection<Document> digests, Duration margin,
                       DaySeal seal) {
        this.events = events;
        this.digests = digests;
        this.margin = margin;
        this.seal = seal;
    }

    /** The ledger of the engine's collections in {@code database} (no collection prefix), days left unsealed. */
    public static AuditLedger on(MongoDatabase database) {
        return on(database, null);
    }

    /** The same, each day sealed under {@code seal}'s key (see {@link DaySeal}). */
    public static AuditLedger on(MongoDatabase database, DaySeal seal) {
        return on(EventCollections.in(database), seal);
    }

    /** The ledger of the event store's {@code collections}, whatever their prefix; {@code seal} may be null. */
    public static AuditLedger on(EventCollections collections, DaySeal seal) {
        return new AuditLedger(collections.events(), collections.auditDigests(), DEFAULT_MARGIN, seal);
    }

    /** The name of the collection of the sealed days. */
    public String digestsCollectionName() {
        return digests.getNamespace().getCollectionName();
    }

    /** The key's seal, or null when days are not sealed with one. */
    public DaySeal seal() {
        return seal;
    }

    public static LocalDate dayOf(Date timestamp) {
        return LocalDate.ofInstant(timestamp.toInstant(), ZONE);
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZONE).toInstant());
    }

    /** Seals every finished day after the last sealed one; returns the days it sealed, oldest first. */
    public List<LocalDate> sealFinishedDays(Clock clock) {
        Instant now = clock.instant();
        LocalDate lastToSeal = LocalDate.ofInstant(now.minus(margin), ZONE).minusDays(1);
        Document latest = digests.find().sort(Sorts.descending("_id")).limit(1).first();
        LocalDate from = latest == null ? null : LocalDate.parse(latest.getString("_id")).plusDays(1);
        if (from != null && from.isAfter(lastToSeal)) {
            return List.of();
        }
        Bson before = lt(TIMESTAMP, startOf(lastToSeal.plusDays(1)));
        Bson filter = from == null ? before : and(gte(TIMESTAMP, startOf(from)), before);
        Map<LocalDate, DayDigest> days = new TreeMap<>();
        for (Document event : events.find(filter).projection(Projections.include(TIMESTAMP, HASH, VOID))
                                    .sort(Sorts.ascending("_id"))) {
            if (!event.getBoolean(VOID, false)) {
                days.computeIfAbsent(dayOf(event.getDate(TIMESTAMP)), d -> new DayDigest())
                    .add(event.getString(HASH));
            }
        }
        if (from == null) {
            if (days.isEmpty()) {
                return List.of();
            }
            from = days.keySet().iterator().next();
        }
        List<LocalDate> sealed = new ArrayList<>();
        String previousSeal = latest == null ? null : latest.getString("seal");
        for (LocalDate day = from; !day.isAfter(lastToSeal); day = day.plusDays(1)) {
            DayDigest digest = days.getOrDefault(day, new DayDigest());
            String finished = digest.finish();
            Document document = new Document("_id", day.toString()).append("count", digest.count())
                                                                   .append("digest", finished)
                                                                   .append("sealedAt", Date.from(now));
            if (seal != null) {
                previousSeal = seal.of(day, digest.count(), finished, previousSeal);
                document.append("seal", previousSeal);
            }
            try {
                digests.insertOne(document);
                sealed.add(day);
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return sealed;
    }

    /** Whether no day has been sealed. */
    public boolean isEmpty() {
        return digests.find().limit(1).first() == null;
    }

    /** Stores sealed days as an export carried them (an import into an empty store, after checking them). */
    public void restore(List<SealedDay> days) {
        for (SealedDay day : days) {
            Document document = new Document("_id", day.day().toString()).append("count", day.count())
                                                                         .append("digest", day.digest())
                                                                         .append("sealedAt", Date.from(day.sealedAt()));
            if (day.seal() != null) {
                document.append("seal", day.seal());
            }
            digests.insertOne(document);
        }
    }

    /** Every sealed day, by day. */
    public Map<LocalDate, SealedDay> sealedDays() {
        Map<LocalDate, SealedDay> result = new TreeMap<>();
        for (Document document : digests.find()) {
            LocalDate day = LocalDate.parse(document.getString("_id"));
            result.put(day, new SealedDay(day, ((Number) document.get("count")).longValue(),
                                          document.getString("digest"), document.getDate("sealedAt").toInstant(),
                                          document.getString("seal")));
        }
        return result;
    }
}
