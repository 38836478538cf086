package cn.mediation.core.dispute;

/** Form of a mediation agreement. */
public enum AgreementForm {
    WRITTEN("书面"),
    ORAL("口头");

    private final String chinese;

    AgreementForm(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
