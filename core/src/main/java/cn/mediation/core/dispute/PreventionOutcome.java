package cn.mediation.core.dispute;

/** What a successful mediation prevented (预防效果), as the official report counts it. */
public enum PreventionOutcome {
    SUICIDE("防止民间纠纷引起自杀"),
    CRIMINAL_CASE("防止民间纠纷转化为刑事案件"),
    GROUP_PETITION("防止群体性上访"),
    GROUP_FIGHT("防止群体性械斗");

    private final String chinese;

    PreventionOutcome(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
