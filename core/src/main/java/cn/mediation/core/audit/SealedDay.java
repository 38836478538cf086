package cn.mediation.core.audit;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One sealed day of the ledger: how many events it had, the digest over their hashes, and its seal under the
 * deployment's key ({@link DaySeal}; null for a day sealed without one).
 */
public record SealedDay(LocalDate day, long count, String digest, Instant sealedAt, String seal) {
}
