package cn.mediation.core.dispute;

/** Masked forms of personal data, as shown to anyone who does not need the full value. */
public final class PersonalDataMask {

    private PersonalDataMask() {
    }

    /** 张三丰 → 张**; keeps the first character. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }

    /** 18-digit ID → first six and last four: 511902********1234. */
    public static String idNumber(String idNumber) {
        if (idNumber == null || idNumber.length() < 10) {
            return idNumber == null ? null : "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 6) + "*".repeat(idNumber.length() - 10) + idNumber.substring(idNumber.length() - 4);
    }

    /** 13812345678 → 138****5678. */
    public static String phone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    public static Party party(Party party) {
        return new Party(party.role(), name(party.name()), idNumber(party.idNumber()), phone(party.phone()));
    }
}
