package cn.mediation.core.dispute;

/** What screening decides. */
public enum ScreeningDecision {
    ACCEPT("受理"),
    DECLINE("不予受理"),
    SEND_UP("直接上交");

    private final String chinese;

    ScreeningDecision(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
