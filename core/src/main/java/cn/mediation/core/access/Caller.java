package cn.mediation.core.access;

import cn.mediation.core.region.RegionCode;

import java.util.Objects;

/**
 * The authenticated user a request acts for: name (stored as the actor of every event it causes), role, and the
 * region it may reach. Built by the application from the login, never from the request's body or headers.
 */
public record Caller(String username, Role role, RegionCode scope) {

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }

    /** True when the region (at any level) lies inside this caller's scope. */
    public boolean reaches(RegionCode region) {
        return region != null && region.isWithin(scope);
    }

    public boolean reaches(String regionCode) {
        return RegionCode.isValid(regionCode) && reaches(RegionCode.of(regionCode));
    }

    /**
     * Refuses a region outside the scope. A value that is not a region code at all is left to the request's own
     * validation, which names the rule it breaks.
     */
    public void requireReach(String field, String regionCode) {
        if (RegionCode.isValid(regionCode) && !reaches(RegionCode.of(regionCode))) {
            throw new OutOfJurisdiction(field);
        }
    }

    public void requireRole(Role... allowed) {
        for (Role candidate : allowed) {
            if (role == candidate) {
                return;
            }
        }
        throw new OutOfJurisdiction(null);
    }

    @Override
    public String toString() {
        return "Caller[" + username + ", " + role + ", " + scope + "]";
    }
}
