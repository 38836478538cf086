package cn.mediation.query.dispute;

import cn.mediation.core.dispute.DisputeLifecycle;
import cn.mediation.core.dispute.DisputeStatus;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.RegionCode;
import cn.mediation.query.support.BadQuery;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Case lists: a mediator's own cases, a region's cases, a centre's inbox. Reads the keyed list indexes day by day
 * back from today (newest registrations first) until a page is full, then the views of that page by {@code _id}. Each item carries its
 * overdue colour: green, yellow when five days or fewer remain, red when over the limit.
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
                        @Value("${mediation.overdue-days:30}") int overdueDays) {
        this.lists = database.getCollection(COLLECTION);
        this.meta = database.getCollection(META);
        this.views = views;
        this.clock = clock;
        this.overdueDays = overdueDays;
    }

    private static final int DAYS_PER_READ = 31;

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
        Document first = meta.find(new Document("_id", "months")).first();
        LocalDate firstDay = first == null ? today : LocalDate.parse(first.getString("first"));
        boolean filtered = (field != null && !field.isBlank()) || onlyOverdue != null || !searched.isEmpty()
                || (region != null && !region.isBlank() && handlingUnit != null && !handlingUnit.isBlank());
        // newest registration days first, a stretch of days per read, until the page is full (or, when
        // filtering, until every day was read)
        int wanted = (page + 1) * size;
        Set<String> ordered = new LinkedHashSet<>();
        LocalDate day = today;
        while (!day.isBefore(firstDay) && (filtered || ordered.size() < wanted)) {
            List<String> keys = new ArrayList<>();
            List<LocalDate> days = new ArrayList<>();
            for (int i = 0; i < DAYS_PER_READ && !day.isBefore(firstDay); i++, day = day.minusDays(1)) {
                days.add(day);
            }
            for (LocalDate d : days) {
                for (String s : statuses) {
                    keys.add(handlingUnit != null && !handlingUnit.isBlank() ? unitKey(handlingUnit, s, d.toString())
                                     : regionKey(region, s, d.toString()));
                }
            }
            Map<String, List<String>> byKey = new HashMap<>();
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
        boolean complete = day.isBefore(firstDay);
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
