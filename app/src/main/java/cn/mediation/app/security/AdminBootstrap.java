package cn.mediation.app.security;

import cn.mediation.core.access.Role;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The first administrator, {@code admin}, created on the first start: with the password in
 * {@code MEDIATION_ADMIN_PASSWORD} when set, else a random one written once to the log (there is no built-in default
 * password). Its scope is the directory's top region. Later starts leave the account alone.
 */
@Component
@Order(0)
public class AdminBootstrap implements ApplicationRunner {

    public static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final RegionDirectory regions;
    private final String password;

    @org.springframework.beans.factory.annotation.Autowired
    public AdminBootstrap(Accounts accounts, PasswordEncoder encoder, RegionDirectory regions,
                          SecuritySettings settings) {
        this(accounts, encoder, regions, settings.adminPassword());
    }

    /** With the first administrator's password as given ({@code null} or empty: one is generated). */
    AdminBootstrap(Accounts accounts, PasswordEncoder encoder, RegionDirectory regions, String password) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.regions = regions;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.exists(ADMIN)) {
            return;
        }
        List<Region> top = regions.top();
        if (top.size() != 1) {
            throw new IllegalStateException("The region directory must have exactly one top region to scope the "
                    + "administrator; it has " + top.size());
        }
        boolean generated = password == null || password.isBlank();
        String chosen = generated ? randomPassword() : password;
        if (accounts.create(ADMIN, encoder.encode(chosen), Role.ADMIN, top.get(0).code(), "first start") && generated) {
            log.warn("Created the administrator '{}' with the one-time password {} — log in and create named users; "
                             + "set MEDIATION_ADMIN_PASSWORD to choose it instead", ADMIN, chosen);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
