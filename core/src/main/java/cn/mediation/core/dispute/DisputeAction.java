package cn.mediation.core.dispute;

/**
 * The steps a mediator (or, for the erasure, an administrator) takes on a registered dispute, each one command.
 * {@link #resource()} is the name the mediators' API gives the step ({@code POST /api/disputes/{id}/<resource>}).
 */
public enum DisputeAction {
    SCREEN("screening"),
    START_MEDIATION("mediation"),
    RECORD_SESSION("sessions"),
    RESOLVE("resolution"),
    FAIL("failure"),
    ESCALATE("escalation"),
    ACCEPT_ESCALATION("escalation/acceptance"),
    WITHDRAW("withdrawal"),
    RECORD_FULFILMENT("fulfilment"),
    RECORD_JUDICIAL_CONFIRMATION("judicial-confirmation"),
    RECORD_FOLLOW_UP("follow-up"),
    REOPEN("reopening"),
    CLOSE("closure"),
    RECORD_INCIDENT("incidents"),
    ERASE_PERSONAL_DATA("personal-data");

    private final String resource;

    DisputeAction(String resource) {
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
