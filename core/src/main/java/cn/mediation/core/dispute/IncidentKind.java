package cn.mediation.core.dispute;

/** Incidents counted by the zero-tolerance indicators. */
public enum IncidentKind {
    GROUP_INCIDENT("群体性事件"),
    CIVIL_TO_CRIMINAL("民转刑");

    private final String chinese;

    IncidentKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
