package cn.mediation.core.report;

import cn.mediation.core.dispute.DisputeSource;

/** The sources the official report splits registrations by, and which of ours each one is. */
public enum OfficialSource {
    INITIATIVE("主动调解"),
    APPLICATION("申请调解"),
    REFERRAL("接受委托移送");

    private final String chinese;

    OfficialSource(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** A sweep's find is taken up by the committee itself: 主动调解. */
    public static OfficialSource of(DisputeSource source) {
        return switch (source) {
            case SWEEP -> INITIATIVE;
            case APPLICATION -> APPLICATION;
            case REFERRAL -> REFERRAL;
        };
    }
}
