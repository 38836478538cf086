package cn.mediation.app.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.mediation.core.access.Role;
import cn.mediation.core.testing.TestMongo;
import cn.mediation.core.region.RegionDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.InputStream;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The first administrator: from the environment's password, or a random one logged once; never a default. */
class AdminBootstrapTest {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Accounts accounts;
    private RegionDirectory regions;

    @BeforeEach
    void setUp() throws Exception {
        accounts = new Accounts(TestMongo.freshDatabase(), () -> { }, Clock.systemUTC());
        try (InputStream in = RegionDirectory.class.getResourceAsStream("/regions/bazhong-sample.csv")) {
            regions = RegionDirectory.load(in);
        }
        logged.start();
        ((Logger) LoggerFactory.getLogger(AdminBootstrap.class)).addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(AdminBootstrap.class)).detachAppender(logged);
    }

    @Test
    void withoutAConfiguredPasswordARandomOneIsLoggedOnceAndWorks() {
        new AdminBootstrap(accounts, encoder, regions, "").run(new DefaultApplicationArguments());
        assertThat(logged.list).hasSize(1);
        Matcher password = Pattern.compile("one-time password (\\S+)").matcher(logged.list.get(0).getFormattedMessage());
        assertThat(password.find()).isTrue();
        Account admin = accounts.find("admin").orElseThrow();
        assertThat(encoder.matches(password.group(1), admin.passwordHash())).isTrue();
        assertThat(password.group(1)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.scope().value()).isEqualTo("511900000000");

        new AdminBootstrap(accounts, encoder, regions, "").run(new DefaultApplicationArguments());
        assertThat(logged.list).as("a later start neither logs nor changes the password").hasSize(1);
        assertThat(accounts.find("admin").orElseThrow().passwordHash()).isEqualTo(admin.passwordHash());
    }

    @Test
    void aConfiguredPasswordIsUsedAndNotLogged() {
        new AdminBootstrap(accounts, encoder, regions, "chosen-by-the-operator").run(new DefaultApplicationArguments());
        assertThat(logged.list).isEmpty();
        assertThat(encoder.matches("chosen-by-the-operator", accounts.find("admin").orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    void twoRandomPasswordsDiffer() {
        new AdminBootstrap(accounts, encoder, regions, "").run(new DefaultApplicationArguments());
        Accounts other = new Accounts(TestMongo.freshDatabase(), () -> { }, Clock.systemUTC());
        new AdminBootstrap(other, encoder, regions, "").run(new DefaultApplicationArguments());
        assertThat(logged.list).hasSize(2);
        assertThat(logged.list.get(0).getFormattedMessage()).isNotEqualTo(logged.list.get(1).getFormattedMessage());
    }
}
