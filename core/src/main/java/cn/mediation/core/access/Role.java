package cn.mediation.core.access;

/**
 * What a user may do. Every user has exactly one role and one region scope (see {@link Caller}).
 *
 * <ul>
 *   <li>{@link #MEDIATOR}: registers disputes arising in its scope, acts on disputes handled inside it (a town- or
 *       county-scoped mediator is that level's centre), records sweeps, reads its scope's cases;</li>
 *   <li>{@link #ANALYST}: reads statistics, drill-through and case lists in its scope;</li>
 *   <li>{@link #AUDITOR}: reads histories, point-in-time views and verifications in its scope (and what an analyst
 *       reads, to check the published figures against the record);</li>
 *   <li>{@link #ADMIN}: manages users, committees, the region directory and the projections.</li>
 * </ul>
 */
public enum Role {
    MEDIATOR, ANALYST, AUDITOR, ADMIN
}
