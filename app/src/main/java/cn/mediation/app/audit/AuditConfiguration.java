package cn.mediation.app.audit;

import cn.mediation.app.storage.MongoSettings;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.eventstore.layout.EventCollections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

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
    public AuditLedger auditLedger(EventCollections collections, AuditSettings audit, MongoSettings storage) {
        return AuditLedger.on(collections, SealKey.load(audit.sealKey(), audit.sealKeyFile(),
                                                        storage.embedded().dataDir().toAbsolutePath().normalize()));
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
