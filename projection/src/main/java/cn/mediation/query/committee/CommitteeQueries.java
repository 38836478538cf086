package cn.mediation.query.committee;

import cn.mediation.core.committee.CommitteeKind;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Committees of a region, and how many mediators serve there. */
@Component
public class CommitteeQueries {

    /** Key prefixes of {@link #organisation}'s counts of trade committees and their mediators, by trade. */
    public static final String TRADE = "trade:";
    public static final String TRADE_MEDIATORS = "tradeMediators:";

    private final MongoCollection<Document> committees;
    private final MongoCollection<Document> index;

    private final MongoDatabase database;

    @Autowired
    public CommitteeQueries(MongoDatabase database) {
        this(database, "");
    }

    /** Queries over the read model in collections whose names start with {@code prefix} (a scratch copy). */
    CommitteeQueries(MongoDatabase database, String prefix) {
        this.database = database;
        this.committees = database.getCollection(prefix + CommitteeProjection.COMMITTEES);
        this.index = database.getCollection(prefix + CommitteeProjection.INDEX);
    }

    /** An empty copy of the read model for a replay to fill; close it when done. */
    public ScratchRoster scratchRoster() {
        return new ScratchRoster(database);
    }

    /** One committee by its id, shaped as {@link #inRegion} gives it. */
    public java.util.Optional<Map<String, Object>> find(String committeeId) {
        if (committeeId == null || committeeId.length() > 64) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(committees.find(new Document("_id", committeeId)).first())
                                 .map(CommitteeQueries::shape);
    }

    public List<Map<String, Object>> inRegion(String regionCode) {
        Document entry = index.find(new Document("_id", regionCode)).first();
        if (entry == null) {
            return List.of();
        }
        List<String> ids = entry.getList("committeeIds", String.class);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Document committee : committees.find(new Document("_id", new Document("$in", ids)))) {
            result.add(shape(committee));
        }
        result.sort((a, b) -> String.valueOf(a.get("id")).compareTo(String.valueOf(b.get("id"))));
        return result;
    }

    private static Map<String, Object> shape(Document committee) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", committee.get("_id"));
        body.put("name", committee.get("name"));
        body.put("regionCode", committee.get("regionCode"));
        body.put("level", committee.get("level"));
        body.put("field", committee.get("field"));
        body.put("kind", committee.get("kind"));
        body.put("trade", committee.get("trade"));
        body.put("established", committee.get("established"));
        body.put("mediators", committee.getList("mediators", Document.class).stream()
                                       .map(m -> {
                                           Map<String, Object> mediator = new LinkedHashMap<>();
                                           mediator.put("mediatorId", m.get("mediatorId"));
                                           mediator.put("name", m.get("name"));
                                           mediator.put("fullTime", m.get("fullTime"));
                                           mediator.put("appointed", m.get("appointed"));
                                           return mediator;
                                       })
                                       .toList());
        // the same by id, for pages that name the mediators a step recorded
        Map<String, Object> names = new LinkedHashMap<>();
        committee.getList("mediators", Document.class, List.of())
                 .forEach(m -> names.put(m.getString("mediatorId"), m.get("name")));
        body.put("mediatorNames", names);
        return body;
    }

    /**
     * The committees of the given regions (those established in each), read once, to be counted as they stood on
     * any day: a dashboard counts its period's end and the earlier period's from the same read.
     */
    public Roster roster(java.util.Collection<String> regionCodes) {
        Map<String, String> regionOf = new java.util.HashMap<>();
        for (List<String> codes : chunks(List.copyOf(regionCodes))) {
            for (Document entry : index.find(new Document("_id", new Document("$in", codes)))) {
                entry.getList("committeeIds", String.class).forEach(id -> regionOf.put(id, entry.getString("_id")));
            }
        }
        Map<String, List<Document>> byRegion = new LinkedHashMap<>();
        for (List<String> ids : chunks(List.copyOf(regionOf.keySet()))) {
            for (Document committee : committees.find(new Document("_id", new Document("$in", ids)))) {
                byRegion.computeIfAbsent(regionOf.get(committee.getString("_id")), r -> new ArrayList<>())
                        .add(committee);
            }
        }
        return new Roster(byRegion);
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 1_000) {
            chunks.add(values.subList(from, Math.min(values.size(), from + 1_000)));
        }
        return chunks;
    }

    /** See {@link Roster#organisation}: one read of the regions' committees. */
    public Map<String, Map<String, Long>> organisation(java.util.Collection<String> regionCodes,
                                                       java.time.LocalDate day) {
        return roster(regionCodes).organisation(day);
    }

    /** The committees of some regions as read once, counted on any day. */
    public static final class Roster {

        private final Map<String, List<Document>> byRegion;

        Roster(Map<String, List<Document>> byRegion) {
            this.byRegion = byRegion;
        }

        /**
         * Distinct mediators on the area committees (not industry committees) of each of the given regions (read
         * with this roster), as they stood at the end of {@code day}: committees established by then, mediators
         * appointed by then and not yet removed.
         */
        public Map<String, Integer> mediatorsServing(java.util.Collection<String> regionCodes,
                                                     java.time.LocalDate day) {
            String end = day.toString();
            Map<String, Integer> result = new LinkedHashMap<>();
            for (String region : regionCodes) {
                java.util.Set<Object> mediators = new java.util.HashSet<>();
                for (Document committee : byRegion.getOrDefault(region, List.of())) {
                    if (committee.get("field") == null && !after(committee.getString("established"), end)) {
                        serving(committee, end).forEach(m -> mediators.add(m.get("mediatorId")));
                    }
                }
                if (byRegion.containsKey(region)) {
                    result.put(region, mediators.size());
                }
            }
            return result;
        }

        /**
         * The official report's organisation figures of the committees established in each region, as they stood
         * at the end of {@code day}: per region code, committees by kind ({@code committees:-} for a kind not
         * recorded), mediators, and of them full-time, part-time and not recorded; for trade committees
         * (行业性专业性) also {@code trade:<trade>} and {@code tradeMediators:<trade>} ({@code <trade>} empty when not
         * recorded). A committee counts from the day it was established, a mediator from appointment to removal; a
         * kind or an employment recorded later is a correction and counts for the whole time. Regions without
         * committees then are left out.
         */
        public Map<String, Map<String, Long>> organisation(java.time.LocalDate day) {
            String end = day.toString();
            Map<String, Map<String, Long>> result = new LinkedHashMap<>();
            byRegion.forEach((region, regionCommittees) -> {
                for (Document committee : regionCommittees) {
                    if (!after(committee.getString("established"), end)) {
                        count(committee, end, result.computeIfAbsent(region, r -> new java.util.HashMap<>()));
                    }
                }
            });
            return result;
        }

        private static void count(Document committee, String end, Map<String, Long> counts) {
            String kind = committee.getString("kind");
            counts.merge("committees", 1L, Long::sum);
            counts.merge("committees:" + (kind == null ? "-" : kind), 1L, Long::sum);
            List<Document> serving = serving(committee, end);
            if (CommitteeKind.PROFESSIONAL.name().equals(kind)) {
                String trade = Objects.requireNonNullElse(committee.getString("trade"), "");
                counts.merge(TRADE + trade, 1L, Long::sum);
                counts.merge(TRADE_MEDIATORS + trade, (long) serving.size(), Long::sum);
            }
            for (Document mediator : serving) {
                Boolean fullTime = mediator.getBoolean("fullTime");
                counts.merge("mediators", 1L, Long::sum);
                counts.merge(fullTime == null ? "mediators:-" : fullTime ? "mediators:fullTime"
                        : "mediators:partTime", 1L, Long::sum);
            }
        }
    }

    /** A committee's mediators at the end of the day {@code end}: appointed by then and not removed by then. */
    private static List<Document> serving(Document committee, String end) {
        List<Document> serving = new ArrayList<>();
        for (Document mediator : committee.getList("mediators", Document.class, List.of())) {
            if (!after(mediator.getString("appointed"), end)) {
                serving.add(mediator);
            }
        }
        for (Document mediator : committee.getList("former", Document.class, List.of())) {
            if (!after(mediator.getString("appointed"), end) && after(mediator.getString("removed"), end)) {
                serving.add(mediator);
            }
        }
        return serving;
    }

    /** Whether a recorded day (ISO text; null: not recorded, taken as always) comes after {@code end}. */
    private static boolean after(String recorded, String end) {
        return recorded != null && recorded.compareTo(end) > 0;
    }
}
