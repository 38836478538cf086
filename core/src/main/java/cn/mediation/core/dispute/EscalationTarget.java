package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;

/** Where an escalation sends a dispute: up one of the four levels, or out to another channel. */
public enum EscalationTarget {
    TOWN("乡镇(街道)", RegionLevel.TOWN),
    COUNTY("区县", RegionLevel.COUNTY),
    CITY("市", RegionLevel.CITY),
    ADMINISTRATIVE_RULING("行政裁决", null),
    ARBITRATION("仲裁", null),
    LITIGATION("诉讼", null),
    PETITION("信访", null),
    PUBLIC_SECURITY("公安", null);

    private final String chinese;
    private final RegionLevel level;

    EscalationTarget(String chinese, RegionLevel level) {
        this.chinese = chinese;
        this.level = level;
    }

    public String chinese() {
        return chinese;
    }

    /** True for a level of the linkage, false for a channel outside mediation. */
    public boolean isLevel() {
        return level != null;
    }

    public RegionLevel level() {
        return level;
    }

    public static EscalationTarget forLevel(RegionLevel level) {
        for (EscalationTarget target : values()) {
            if (target.level == level) {
                return target;
            }
        }
        throw new IllegalArgumentException("no escalation goes to the " + level + " level");
    }
}
