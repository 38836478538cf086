package cn.mediation.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one verification: what was checked and what was found. {@code intact} is true when nothing was
 * found; beyond {@link AuditVerifier#MAX_FINDINGS} findings only their number is kept ({@code omittedFindings}).
 */
public record AuditReport(Instant verifiedAt, long events, long aggregates, long days, boolean intact,
                          List<AuditFinding> findings, long omittedFindings) {
}
