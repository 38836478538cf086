package cn.mediation.core.dispute;

import cn.mediation.core.privacy.PersonalData;

/**
 * A party to a dispute. Name, ID number and phone are personal information under PIPL: never logged, encrypted in
 * the event store ({@link PersonalData}), and only masked forms leave the write side (see {@link PersonalDataMask}).
 * Once a dispute's personal data is erased, they read as null; the role stays.
 */
public record Party(PartyRole role, @PersonalData String name, @PersonalData String idNumber,
                    @PersonalData String phone) {

    /** This party as it reads once the dispute's personal data is erased: the role alone. */
    public Party withoutPersonalData() {
        return new Party(role, null, null, null);
    }

    @Override
    public String toString() {
        return "Party[" + role + ", personal data withheld]";
    }
}
