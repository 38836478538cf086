package cn.mediation.app.security;

import java.text.Normalizer;
import java.util.Locale;

/**
 * One spelling per user name: Unicode compatibility forms folded (full-width letters, ligatures) and lower case, at
 * creation and at every login, so {@code Admin} and {@code ａｄｍｉｎ} are {@code admin}, never a second account beside
 * it. Look-alikes across scripts (a Cyrillic а) are not folded: that needs a confusables table.
 */
public final class Usernames {

    private Usernames() {
    }

    public static String normalize(String username) {
        return username == null ? null : Normalizer.normalize(username, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
