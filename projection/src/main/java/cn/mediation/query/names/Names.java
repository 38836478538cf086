package cn.mediation.query.names;

import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.query.committee.CommitteeQueries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names for what the events hold as codes: regions and handling units, committees and their mediators, and the
 * actors (users) with their role. A person reads names; a code stays only where nothing names it.
 */
@Component
public class Names {

    /** The role names the pages show, by role; the application's own actor (sample data, the demo) is 系统. */
    private static final Map<String, String> ROLE_CHINESE = Map.of("MEDIATOR", "调解员", "ANALYST", "统计分析",
                                                                   "AUDITOR", "审计督察", "ADMIN", "系统管理员");

    private final RegionDirectory regions;
    private final CommitteeQueries committees;
    private final ObjectProvider<ActorDirectory> actors;

    public Names(RegionDirectory regions, CommitteeQueries committees, ObjectProvider<ActorDirectory> actors) {
        this.regions = regions;
        this.committees = committees;
        this.actors = actors;
    }

    /** A region's or unit's name, or the code itself when the directory does not know it. */
    public String region(String code) {
        if (code == null) {
            return null;
        }
        return regions.find(code).map(Region::name).orElse(code);
    }

    public String committee(String id) {
        if (id == null) {
            return null;
        }
        return committees.find(id).map(c -> String.valueOf(c.get("name"))).orElse(id);
    }

    /** The mediators' names, in the order given; an id the committee no longer lists stays an id. */
    @SuppressWarnings("unchecked")
    public List<String> mediators(String committeeId, List<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        committees.find(committeeId).ifPresent(c -> ((List<Map<String, Object>>) c.get("mediators"))
                .forEach(m -> byId.put(String.valueOf(m.get("mediatorId")), String.valueOf(m.get("name")))));
        return ids == null ? List.of() : ids.stream().map(id -> byId.getOrDefault(id, id)).toList();
    }

    /** {@code username}, {@code role} (or null for the application itself), {@code roleName}, {@code regionName}. */
    public Map<String, Object> actor(String username) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("username", username);
        ActorDirectory directory = actors.getIfAvailable();
        Optional<ActorDirectory.Actor> found = directory == null || username == null ? Optional.empty()
                : directory.find(username);
        actor.put("role", found.map(a -> a.role().name()).orElse(null));
        actor.put("roleName", found.map(a -> ROLE_CHINESE.get(a.role().name())).orElse("系统"));
        actor.put("regionName", found.map(a -> region(a.regionCode())).orElse(null));
        return actor;
    }
}
