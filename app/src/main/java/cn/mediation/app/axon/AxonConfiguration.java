package cn.mediation.app.axon;

import cn.mediation.app.config.DeploymentSettings;
import cn.mediation.app.storage.MongoSettings;
import cn.mediation.app.storage.MongoConnection;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.eventstore.PayloadCodec;
import cn.mediation.core.eventstore.layout.EventCollections;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.KeyEncryptionKeys;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.json.Json;
import cn.mediation.core.upcasting.Upcasters;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.util.List;

/**
 * Axon on MongoDB: our event storage engine (global sequence, gap-aware tracking, {@code _id}-only hot reads) with
 * the parties' personal data encrypted per dispute, axon-mongo's token store, and Jackson serializers whose stored
 * JSON a person can read.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * The one serializer of messages, events and tokens: Axon's auto-configuration hands this same instance out as its
     * {@code messageSerializer} and {@code eventSerializer} (as {@code axon.serializer.*} is left at its default).
     */
    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
    }

    /** Snapshots hold an aggregate's private state, so this mapper reads and writes fields, not getters. */
    @Bean
    @Qualifier("snapshotSerializer")
    public Serializer snapshotSerializer() {
        ObjectMapper mapper = Json.messageMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * One key per dispute, in {@code personal_keys}, wrapped by a key-encryption key kept outside the database
     * ({@link PersonalKeyKek}); deleting a key erases the dispute's personal data. Keys in the clear or under an
     * older KEK are rewrapped here, before anything reads them.
     */
    @Bean
    public PersonalKeyVault personalKeyVault(MongoConnection mongo, PrivacySettings privacy, MongoSettings storage) {
        KeyEncryptionKeys keks = PersonalKeyKek.load(privacy.kek(), privacy.kekFile(),
                                                     storage.embedded().dataDir().toAbsolutePath().normalize());
        PersonalKeyVault vault = new PersonalKeyVault(mongo.database(), keks);
        PersonalKeyKek.rewrapAtStart(vault, keks);
        return vault;
    }

    /** Seals every {@code @PersonalData} field of stored events and snapshots under its dispute's key. */
    @Bean
    public PayloadCodec payloadCodec(PersonalKeyVault vault) {
        return new PersonalDataCodec(vault);
    }

    /** The event store's collections (no prefix), for the engine and the auditors ({@code AuditConfiguration}). */
    @Bean
    public EventCollections eventCollections(MongoConnection mongo) {
        return EventCollections.in(mongo.database());
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoConnection mongo, EventCollections collections,
                                                 PayloadCodec payloadCodec, Serializer eventSerializer,
                                                 @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
                                                 List<EventUpcaster> upcasters, EventStoreSettings settings) {
        return MongoEventStorageEngine.builder()
                                      .collections(collections)
                                      .eventSerializer(eventSerializer)
                                      .snapshotSerializer(snapshotSerializer)
                                      .upcasterChain(upcasterChain(upcasters))
                                      .durabilityBarrier(mongo::commit)
                                      .payloadCodec(payloadCodec)
                                      .batchSize(settings.batchSize())
                                      .holdBack(settings.holdBack())
                                      .gapTimeout(settings.gapTimeout())
                                      .build();
    }

    /**
     * The project's own upcasters ({@link Upcasters#all()}, in the order their revisions were made), then any other
     * {@code EventUpcaster} bean: stored events of an older revision are read as the current classes expect.
     */
    static EventUpcasterChain upcasterChain(List<EventUpcaster> extra) {
        List<EventUpcaster> chain = new java.util.ArrayList<>(Upcasters.all());
        chain.addAll(extra);
        return new EventUpcasterChain(chain);
    }

    /**
     * A failing projection handler fails its batch, which the processor retries from its token, instead of logging
     * the error and moving on: a read model never silently skips an event.
     */
    @Autowired
    public void propagateProjectionErrors(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * The token store: each tracking processor's segments (two each, {@code axon.eventhandling.processors.*}) are
     * claimed by one instance at a time under its node id ({@code mediation.node-id}, by default the JVM's
     * {@code pid@host}). A live instance extends its claims every second or so; a claim not extended for
     * {@code mediation.projections.claim-timeout} (default 10 s) is taken by another instance, so the segments of a
     * killed instance move to a live one after about that long plus one claim interval.
     */
    @Bean
    public TokenStore tokenStore(MongoConnection mongo, Serializer serializer,
                                 ProjectionSettings projections, @Qualifier("nodeId") String nodeId) {
        return MongoTokenStore.builder()
                              .mongoTemplate(DefaultMongoTemplate.builder()
                                                                 .mongoDatabase(mongo.client(),
                                                                                mongo.database().getName())
                                                                 .build())
                              .serializer(serializer)
                              .claimTimeout(projections.claimTimeout())
                              .nodeId(nodeId)
                              .build();
    }

    @Bean
    @Qualifier("nodeId")
    public String nodeId(DeploymentSettings deployment) {
        String configured = deployment.nodeId();
        return configured == null || configured.isBlank()
                ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() : configured;
    }

    /** Which instance holds which segment, for {@code GET /api/admin/projections}. */
    @Bean
    public cn.mediation.query.admin.SegmentClaims segmentClaims(MongoConnection mongo, Serializer serializer,
                                                                 @Qualifier("nodeId") String nodeId) {
        return new TokenClaims(mongo.database(), serializer, nodeId);
    }

    /**
     * Copies into the global log any committed events whose copy an earlier crash interrupted. The embedded server
     * belongs to this process alone, so every pending copy is an interrupted one; on a shared MongoDB, other
     * instances may be mid-append, so only old markers are taken.
     */
    @Bean
    public ApplicationRunner recoverInterruptedAppends(EventStorageEngine engine, MongoConnection mongo) {
        return args -> ((MongoEventStorageEngine) engine)
                .recoverPendingCopies(mongo.embedded() ? Duration.ZERO : Duration.ofSeconds(30));
    }

    @Bean
    public PendingCopyRecovery pendingCopyRecovery(EventStorageEngine engine) {
        return new PendingCopyRecovery((MongoEventStorageEngine) engine, Duration.ofSeconds(30));
    }
}
