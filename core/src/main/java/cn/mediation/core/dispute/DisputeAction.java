package cn.mediation.core.dispute;

/**
 * The steps a mediator (or, for the erasure, an administrator) takes on a registered dispute, each one command.
 * {@link #resource()} is the name the mediators' API gives the step ({@code POST /api/disputes/{id}/<resource>});
 * {@link #verb()} is how a refusal names it ({@code Cannot <verb> a dispute that is …}).
 */
public enum DisputeAction {
    SCREEN("screening", "screen"),
    START_MEDIATION("mediation", "start mediation on"),
    RECORD_SESSION("sessions", "record a session on"),
    RESOLVE("resolution", "resolve"),
    FAIL("failure", "record a failed mediation on"),
    ESCALATE("escalation", "escalate"),
    ACCEPT_ESCALATION("escalation/acceptance", "accept the escalation of"),
    WITHDRAW("withdrawal", "withdraw"),
    RECORD_FULFILMENT("fulfilment", "record fulfilment of"),
    RECORD_JUDICIAL_CONFIRMATION("judicial-confirmation", "record judicial confirmation of"),
    RECORD_FOLLOW_UP("follow-up", "record a follow-up visit on"),
    REOPEN("reopening", "reopen"),
    CLOSE("closure", "close"),
    RECORD_INCIDENT("incidents", "record an incident on"),
    ERASE_PERSONAL_DATA("personal-data", "erase the personal data of");

    private final String resource;
    private final String verb;

    DisputeAction(String resource, String verb) {
        this.resource = resource;
        this.verb = verb;
    }

    public String resource() {
        return resource;
    }

    /** What the step does to a dispute, worded to fit "Cannot … a dispute that is CLOSED". */
    public String verb() {
        return verb;
    }
}
