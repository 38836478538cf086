package cn.mediation.core.dispute;

/** Risk grade given at screening. */
public enum RiskGrade {
    ORDINARY("一般"),
    SIGNIFICANT("较大"),
    MAJOR("重大");

    private final String chinese;

    RiskGrade(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
