package cn.mediation.command.dispute;

import cn.mediation.core.dispute.DisputeStatus;

/** What a registration returns, the same on a retry. */
public record RegistrationResult(String id, String caseNumber, DisputeStatus status, long version, boolean created) {
}
