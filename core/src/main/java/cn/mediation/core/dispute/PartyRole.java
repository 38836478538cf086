package cn.mediation.core.dispute;

/** A party's side. */
public enum PartyRole {
    APPLICANT("申请人"),
    RESPONDENT("被申请人");

    private final String chinese;

    PartyRole(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
