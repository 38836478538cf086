package cn.mediation.core.dispute;

/** Where a dispute stands in its life. */
public enum DisputeStatus {
    REGISTERED("已登记"),
    ACCEPTED("已受理"),
    DECLINED("不予受理"),
    MEDIATING("调解中"),
    RESOLVED("调解成功"),
    FAILED("调解不成"),
    ESCALATED("已上交"),
    TRANSFERRED("已移交"),
    WITHDRAWN("已撤回"),
    CLOSED("已结案");

    private final String chinese;

    DisputeStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
