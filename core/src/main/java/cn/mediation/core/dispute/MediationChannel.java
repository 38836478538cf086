package cn.mediation.core.dispute;

/** The channel of the three-way linkage (三调联动). */
public enum MediationChannel {
    PEOPLES("人民调解"),
    ADMINISTRATIVE("行政调解"),
    JUDICIAL("司法调解");

    private final String chinese;

    MediationChannel(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
