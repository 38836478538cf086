package cn.mediation.app.audit;

import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.eventstore.layout.EventCollections;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The tamper-evident log's ledger of daily digests and its verifier, on the event store's collections; finished
 * days are sealed every hour ({@link DaySealing}) and before each verification.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuditConfiguration {

    /** Days sealed under a key the database does not hold (see {@link SealKey}). */
    @Bean
    public AuditLedger auditLedger(EventCollections collections,
                                   @Value("${MEDIATION_AUDIT_SEAL_KEY:}") String keyFromEnvironment,
                                   @Value("${mediation.audit.seal-key-file:}") String keyFile,
                                   @Value("${mediation.mongo.embedded.data-dir:./data}") String dataDir) {
        return AuditLedger.on(collections, SealKey.load(keyFromEnvironment, keyFile,
                                                         Path.of(dataDir).toAbsolutePath().normalize()));
    }

    @Bean
    public AuditVerifier auditVerifier(EventCollections collections, AuditLedger ledger, Clock clock) {
        return AuditVerifier.on(collections, ledger, clock);
    }

    @Bean
    public DaySealing daySealing(AuditLedger ledger, Clock clock) {
        return new DaySealing(ledger, clock);
    }
}
