package cn.mediation.query.dispute;

import cn.mediation.query.support.ReadSideSettings;
import cn.mediation.core.dispute.DisputeLifecycle;
import cn.mediation.core.dispute.DisputeStatus;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.RegionCode;
import cn.mediation.query.support.BadQuery;
import cn.mediation.query.support.Chunks;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Case lists: a mediator's own cases, a region's cases, a centre's inbox. Reads the keyed list indexes day by day
 * back from today (newest registrations first) until a page is full, then the views of that page by {@code _id}. Each item carries its
 * overdue colour: green, yellow when five days or fewer remain, red when over the limit.
 * <p>
 * Only the months in which the region (or unit) has registrations are read, one query a month: the months index
 * ({@code owner|r|<region>} in the meta collection, {@code months} a set of {@code yyyy-MM}, added to with every
 * list entry, never shrunk) is read first. So a list's work follows its own registrations, not the span back to the
 * earliest registration anywhere in the store. A store whose lists were written before that index existed gets it
 * built from the list keys once, at start.
 */
@Component
public class DisputeLists {

    static final String COLLECTION = "dispute_lists";
    static final String META = "dispute_lists_meta";

    private final MongoCollection<Document> lists;
    private final MongoCollection<Document> meta;
    private final DisputeViews views;
    private final Clock clock;
    private final int overdueDays;

    public DisputeLists(MongoDatabase database, DisputeViews views, Clock clock,
                        ReadSideSettings settings) {
        int overdueDays = settings.overdueDays();
        this.lists = database.getCollection(COLLECTION);
        this.meta = database.getCollection(META);
        this.views = views;
        this.clock = clock;
        this.overdueDays = overdueDays;
        if (meta.find(new Document("_id", MONTHS_INDEXED)).first() == null) {
            indexMonthsOfExistingLists();
        }
    }

    private static final int DAYS_PER_READ = 31;
    private static final String MONTHS_INDEXED = "owner-months";
    private final AtomicLong reads = new AtomicLong();

    /** Queries the lists have sent to the list indexes and their months (for tests and metrics; views not counted). */
    public long indexReads() {
        return reads.get();
    }

    private static String ownerOf(String listKey) {
        String[] parts = listKey.split("\\|");
        return parts.length == 4 && parts[3].length() >= 7 ? "owner|" + parts[0] + "|" + parts[1] : null;
    }

    /** Adds the months of these list keys to their owners' months index (one upsert per owner). */
    static void addMonths(MongoCollection<Document> meta, Collection<String> listKeys) {
        Map<String, Set<String>> months = new HashMap<>();
        for (String key : listKeys) {
            String owner = ownerOf(key);
            if (owner != null) {
                int day = key.lastIndexOf('|') + 1;
                months.computeIfAbsent(owner, o -> new TreeSet<>()).add(key.substring(day, day + 7));
            }
        }
        if (months.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<>();
        months.forEach((owner, set) -> updates.add(new UpdateOneModel<>(
                new Document("_id", owner),
                new Document("$addToSet", new Document("months", new Document("$each", new ArrayList<>(set)))),
                new UpdateOptions().upsert(true))));
        Chunks.of(updates).forEach(chunk -> meta.bulkWrite(
                chunk, new BulkWriteOptions().ordered(false)));
    }

    static void markMonthsIndexed(MongoCollection<Document> meta) {
        meta.updateOne(new Document("_id", MONTHS_INDEXED), new Document("$set", new Document("at", new Date())),
                       new UpdateOptions().upsert(true));
    }

    /** Lists written before the months index: their keys give it (one pass over the keys, at the first start). */
    private void indexMonthsOfExistingLists() {
        List<String> keys = new ArrayList<>();
        for (Document document : lists.find().projection(new Document("_id", 1))) {
            keys.add(document.getString("_id"));
            if (keys.size() == 10_000) {
                addMonths(meta, keys);
                keys.clear();
            }
        }
        addMonths(meta, keys);
        markMonthsIndexed(meta);
    }

    /**
     * The registration days to read, newest first, in stretches of at most a month: only the owner's months that
     * have entries when the months index exists; else every day back to the store's first registration.
     */
    private Iterator<List<LocalDate>> daysToRead(String owner, LocalDate today) {
        reads.incrementAndGet();
        List<Document> found = meta.find(new Document("_id", new Document("$in", List.of(MONTHS_INDEXED, owner))))
                                   .into(new ArrayList<>());
        boolean monthsIndexed = found.stream().anyMatch(d -> MONTHS_INDEXED.equals(d.getString("_id")));
        List<List<LocalDate>> stretches = new ArrayList<>();
        if (monthsIndexed) {
            List<String> months = found.stream().filter(d -> owner.equals(d.getString("_id")))
                                       .flatMap(d -> d.getList("months", String.class).stream())
                                       .sorted(Comparator.reverseOrder()).toList();
            for (String month : months) {
                YearMonth yearMonth = YearMonth.parse(month);
                LocalDate last = yearMonth.atEndOfMonth().isAfter(today) ? today : yearMonth.atEndOfMonth();
                List<LocalDate> days = new ArrayList<>();
                for (LocalDate day = last; !day.isBefore(yearMonth.atDay(1)); day = day.minusDays(1)) {
                    days.add(day);
                }
                if (!days.isEmpty()) {
                    stretches.add(days);
                }
            }
            return stretches.iterator();
        }
        reads.incrementAndGet();
        Document first = meta.find(new Document("_id", "months")).first();
        LocalDate firstDay = first == null ? today : LocalDate.parse(first.getString("first"));
        LocalDate day = today;
        while (!day.isBefore(firstDay)) {
            List<LocalDate> days = new ArrayList<>();
            for (int i = 0; i < DAYS_PER_READ && !day.isBefore(firstDay); i++, day = day.minusDays(1)) {
                days.add(day);
            }
            stretches.add(days);
        }
        return stretches.iterator();
    }

    static String regionKey(String region, String status, String day) {
        return "r|" + region + "|" + status + "|" + day;
    }

    static String unitKey(String unit, String status, String day) {
        return "u|" + unit + "|" + status + "|" + day;
    }

    public Map<String, Object> list(String region, String status, String field, String overdue, String handlingUnit,
                                    int page, int size) {
        return list(region, status, null, null, field, overdue, handlingUnit, page, size);
    }

    /**
     * A list by status or by stage (the workbench's tabs, {@link DisputeLifecycle.Stage}), optionally only the cases
     * whose case number or summary holds every word of {@code words}.
     */
    public Map<String, Object> list(String region, String status, String stage, String words, String field,
                                    String overdue, String handlingUnit, int page, int size) {
        if ((region == null || region.isBlank()) && (handlingUnit == null || handlingUnit.isBlank())) {
            throw new BadQuery("region", "give a region or a handlingUnit");
        }
        if (region != null && !region.isBlank() && !RegionCode.isValid(region)) {
            throw new BadQuery("region", "must be a 12-digit region code");
        }
        if (handlingUnit != null && !handlingUnit.isBlank() && !RegionCode.isValid(handlingUnit)) {
            throw new BadQuery("handlingUnit", "must be a 12-digit region code");
        }
        List<String> statuses = new ArrayList<>();
        if (stage != null && !stage.isBlank()) {
            if (status != null && !status.isBlank()) {
                throw new BadQuery("stage", "give a status or a stage, not both");
            }
            DisputeLifecycle.Stage chosen;
            try {
                chosen = DisputeLifecycle.Stage.valueOf(stage.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadQuery("stage", "unknown stage " + BadQuery.echo(stage.trim())
                        + " (OPEN, RESOLVED, FAILED, FINISHED)");
            }
            chosen.statuses().forEach(s -> statuses.add(s.name()));
        } else if (status == null || status.isBlank()) {
            for (DisputeStatus s : DisputeStatus.values()) {
                statuses.add(s.name());
            }
        } else {
            for (String s : status.split(",")) {
                try {
                    statuses.add(DisputeStatus.valueOf(s.trim()).name());
                } catch (IllegalArgumentException e) {
                    throw new BadQuery("status", "unknown status " + BadQuery.echo(s.trim()));
                }
            }
        }
        if (statuses.isEmpty()) {
            throw new BadQuery("status", "names no status");
        }
        if (field != null && !field.isBlank() && !FieldTaxonomy.contains(field)) {
            throw new BadQuery("field", "unknown field " + BadQuery.echo(field));
        }
        Boolean onlyOverdue = null;
        if (overdue != null && !overdue.isBlank()) {
            if (!overdue.equals("true") && !overdue.equals("false")) {
                throw new BadQuery("overdue", "must be true or false");
            }
            onlyOverdue = Boolean.valueOf(overdue);
        }
        if (page < 0 || page > 100_000) {
            throw new BadQuery("page", "must be from 0 to 100000");
        }
        if (size < 1 || size > 200) {
            throw new BadQuery("size", "must be from 1 to 200");
        }
        List<String> searched = new ArrayList<>();
        if (words != null && !words.isBlank()) {
            if (words.length() > 100) {
                throw new BadQuery("q", "must be at most 100 characters");
            }
            for (String word : words.strip().split("[\\s,，、]+")) {
                if (!word.isBlank()) {
                    searched.add(word.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        LocalDate today = LocalDate.now(clock);
        boolean byUnit = handlingUnit != null && !handlingUnit.isBlank();
        boolean filtered = (field != null && !field.isBlank()) || onlyOverdue != null || !searched.isEmpty()
                || (region != null && !region.isBlank() && byUnit);
        // newest registration days first, a month (at most) per read, until the page is full (or, when
        // filtering, until every day was read)
        int wanted = (page + 1) * size;
        Set<String> ordered = new LinkedHashSet<>();
        Iterator<List<LocalDate>> stretches = daysToRead(byUnit ? "owner|u|" + handlingUnit
                                                                        : "owner|r|" + region, today);
        while (stretches.hasNext() && (filtered || ordered.size() < wanted)) {
            List<String> keys = new ArrayList<>();
            for (LocalDate d : stretches.next()) {
                for (String s : statuses) {
                    keys.add(byUnit ? unitKey(handlingUnit, s, d.toString()) : regionKey(region, s, d.toString()));
                }
            }
            Map<String, List<String>> byKey = new HashMap<>();
            reads.incrementAndGet();
            for (Document document : lists.find(new Document("_id", new Document("$in", keys)))) {
                byKey.put(document.getString("_id"), document.getList("ids", String.class));
            }
            for (String key : keys) {
                List<String> ids = byKey.get(key);
                if (ids != null) {
                    for (int i = ids.size() - 1; i >= 0; i--) {
                        ordered.add(ids.get(i));
                    }
                }
            }
        }
        boolean complete = !stretches.hasNext();
        List<Map<String, Object>> items = new ArrayList<>();
        int total;
        if (!filtered) {
            total = ordered.size();
            List<String> pageIds = new ArrayList<>(ordered).subList(Math.min(page * size, total),
                                                                   Math.min(page * size + size, total));
            for (Map<String, Object> view : views.findAll(pageIds)) {
                items.add(withColour(view, today));
            }
        } else {
            List<Map<String, Object>> matching = new ArrayList<>();
            for (Map<String, Object> view : views.findAll(new ArrayList<>(ordered))) {
                Map<String, Object> item = withColour(view, today);
                if (field != null && !field.isBlank() && !field.equals(item.get("field"))) {
                    continue;
                }
                if (onlyOverdue != null && onlyOverdue != "red".equals(item.get("overdueColour"))) {
                    continue;
                }
                if (!holdsEvery(item, searched)) {
                    continue;
                }
                if (region != null && !region.isBlank() && handlingUnit != null && !handlingUnit.isBlank()
                        && !RegionCode.of((String) item.get("villageCode")).isWithin(RegionCode.of(region))) {
                    continue;
                }
                matching.add(item);
            }
            total = matching.size();
            items = matching.subList(Math.min(page * size, total), Math.min(page * size + size, total));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        // exact when every registration day was read; otherwise at least this many, and more exist
        body.put("total", total);
        body.put("complete", complete || filtered);
        body.put("page", page);
        body.put("size", size);
        body.put("items", items);
        return body;
    }

    /** True when the case number or the summary holds every word (case-insensitive). */
    private static boolean holdsEvery(Map<String, Object> item, List<String> words) {
        String text = (item.get("caseNumber") + " " + item.get("summary")).toLowerCase(java.util.Locale.ROOT);
        for (String word : words) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> withColour(Map<String, Object> view, LocalDate today) {
        Map<String, Object> item = new LinkedHashMap<>(view);
        String status = (String) view.get("status");
        boolean open = status != null && DisputeLifecycle.isOpen(DisputeStatus.valueOf(status));
        if (open && view.get("registeredOn") != null) {
            long age = ChronoUnit.DAYS.between(LocalDate.parse((String) view.get("registeredOn")), today);
            long remaining = overdueDays - age;
            item.put("daysOpen", age);
            item.put("overdueColour", remaining < 0 ? "red" : remaining <= 5 ? "yellow" : "green");
        } else {
            item.put("overdueColour", null);
        }
        return item;
    }
}
