package cn.mediation.command.dispute;

import cn.mediation.core.region.RegionLevel;

/** Escalation goes up one level of the four at a time: village → town → county → city. */
public final class EscalationPolicy {

    private EscalationPolicy() {
    }

    /** The level above, or null at the city. */
    public static RegionLevel nextLevelUp(RegionLevel current) {
        return current.parent();
    }
}
