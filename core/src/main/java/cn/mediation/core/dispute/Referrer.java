package cn.mediation.core.dispute;

/** Who referred a dispute to the committee (接受委托移送), for registrations whose source is a referral. */
public enum Referrer {
    POLICE("公安机关"),
    COURT("人民法院"),
    GOVERNMENT("政府部门"),
    PETITION_OFFICE("信访部门");

    private final String chinese;

    Referrer(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
