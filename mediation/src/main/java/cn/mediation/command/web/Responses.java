package cn.mediation.command.web;

import cn.mediation.core.dispute.DisputeStatus;

/** The JSON bodies the mediators' API answers with. */
public final class Responses {

    private Responses() {
    }

    public record Registered(String id, String caseNumber, DisputeStatus status, long version) {
    }

    public record State(String id, DisputeStatus status, long version) {
    }

    public record Recorded(String id) {
    }
}
