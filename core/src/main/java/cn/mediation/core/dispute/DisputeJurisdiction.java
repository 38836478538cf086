package cn.mediation.core.dispute;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.core.region.RegionCode;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may take a step on a dispute: the role the step belongs to, and the unit whose area it must lie in. A
 * mediator acts on a dispute whose current handling unit lies in its area; accepting an escalation belongs to the
 * receiving unit; erasing personal data to the administrators of the area where the case arose. The aggregate
 * checks a command with it, and the case view offers a caller exactly the steps it passes.
 */
public final class DisputeJurisdiction {

    private DisputeJurisdiction() {
    }

    /** The role that takes the step. */
    public static Role roleFor(DisputeAction action) {
        return action == DisputeAction.ERASE_PERSONAL_DATA ? Role.ADMIN : Role.MEDIATOR;
    }

    /**
     * The unit whose area the step must lie in.
     *
     * @param escalatedToUnit the unit a pending escalation was sent to, or null
     */
    public static String unitFor(DisputeAction action, String villageCode, String handlingUnit,
                                 String escalatedToUnit) {
        if (action == DisputeAction.ERASE_PERSONAL_DATA) {
            return villageCode;
        }
        if (action == DisputeAction.ACCEPT_ESCALATION && escalatedToUnit != null) {
            return escalatedToUnit;
        }
        return handlingUnit;
    }

    /** True when a user of this area may take the step (the role is checked apart, on the request's path). */
    public static boolean withinArea(RegionCode area, DisputeAction action, String villageCode, String handlingUnit,
                                     String escalatedToUnit) {
        return RegionCode.of(unitFor(action, villageCode, handlingUnit, escalatedToUnit)).isWithin(area);
    }

    /** Of the steps the lifecycle allows now, those this caller may take. */
    public static Set<DisputeAction> allowedFor(Caller caller, Set<DisputeAction> byLifecycle, String villageCode,
                                                String handlingUnit, String escalatedToUnit) {
        Set<DisputeAction> allowed = EnumSet.noneOf(DisputeAction.class);
        for (DisputeAction action : byLifecycle) {
            if (caller.is(roleFor(action))
                    && withinArea(caller.scope(), action, villageCode, handlingUnit, escalatedToUnit)) {
                allowed.add(action);
            }
        }
        return allowed;
    }
}
