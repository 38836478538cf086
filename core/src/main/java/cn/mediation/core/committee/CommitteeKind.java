package cn.mediation.core.committee;

/** The kinds of people's mediation committee the official report counts. */
public enum CommitteeKind {
    VILLAGE("村(居)"),
    TOWN("乡镇(街道)"),
    ENTERPRISE("企事业单位"),
    PROFESSIONAL("行业性专业性"),
    PERSONAL_STUDIO("个人调解工作室");

    private final String chinese;

    CommitteeKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
