package cn.mediation.core.audit;

import java.time.Instant;
import java.time.LocalDate;

/** One sealed day of the ledger: how many events it had and the digest over their hashes. */
public record SealedDay(LocalDate day, long count, String digest, Instant sealedAt) {
}
