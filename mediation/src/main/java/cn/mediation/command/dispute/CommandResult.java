package cn.mediation.command.dispute;

import cn.mediation.core.dispute.DisputeStatus;

/** What every other dispute command returns: the state after it. */
public record CommandResult(String id, DisputeStatus status, long version) {
}
