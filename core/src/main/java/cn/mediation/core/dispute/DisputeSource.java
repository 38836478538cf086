package cn.mediation.core.dispute;

/** How a dispute came to the committee. */
public enum DisputeSource {
    SWEEP("排查发现"),
    APPLICATION("当事人申请"),
    REFERRAL("移交");

    private final String chinese;

    DisputeSource(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
