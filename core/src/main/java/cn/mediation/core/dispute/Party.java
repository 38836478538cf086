package cn.mediation.core.dispute;

/**
 * A party to a dispute. Name, ID number and phone are personal information under PIPL: never logged, and only
 * masked forms leave the write side (see {@link PersonalDataMask}).
 */
public record Party(PartyRole role, String name, String idNumber, String phone) {

    @Override
    public String toString() {
        return "Party[" + role + ", personal data withheld]";
    }
}
