package cn.mediation.command.dispute;

import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.dispute.FollowUpRecordedEvent;
import cn.mediation.core.dispute.RecordFollowUpCommand;
import cn.mediation.core.dispute.ResolveDisputeCommand;
import cn.mediation.core.dispute.AgreementForm;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.json.Json;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.testing.Revision1Fixtures;
import cn.mediation.core.testing.TestMongo;
import cn.mediation.core.upcasting.Upcasters;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispute aggregate rebuilt from events stored by the release with {@code DisputeResolvedEvent} revision 1
 * (fixtures, loaded raw into MongoDB and read through our engine with the project's upcasters): it stands where
 * those events left it, takes the next step, and that step continues the stored hash chain.
 */
class DisputeFromRevisionOneEventsTest {

    private static final AggregateModel<Dispute> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(
            Dispute.class);

    private MongoDatabase database;
    private EmbeddedEventStore eventStore;
    private SimpleCommandBus commandBus;

    @BeforeEach
    void aggregateOnTheOldStore() {
        database = TestMongo.freshDatabase();
        Revision1Fixtures.insertInto(database);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(database).eventSerializer(serializer).snapshotSerializer(serializer)
                .upcasterChain(Upcasters.chain())
                .payloadCodec(new PersonalDataCodec(new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS))).build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        EventSourcingRepository<Dispute> repository = EventSourcingRepository.builder(Dispute.class)
                                                                             .aggregateModel(MODEL)
                                                                             .eventStore(eventStore).build();
        commandBus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Dispute>builder().aggregateType(Dispute.class).aggregateModel(MODEL)
                                         .repository(repository).build().subscribe(commandBus);
    }

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void aDisputeResolvedUnderRevisionOneTakesAFollowUpThatContinuesItsChain() {
        CommandResultMessage<?> result = send(new RecordFollowUpCommand(
                Revision1Fixtures.WITH_AMOUNT, 5, "双方满意", LocalDate.of(2025, 7, 1), "mediator-fixture"));
        assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(Revision1Fixtures.WITH_AMOUNT)
                                                                 .asStream().toList();
        assertThat(events).hasSize(6);
        assertThat(events.get(5).getPayload()).isInstanceOf(FollowUpRecordedEvent.class);
        Document followUp = database.getCollection("events").find(new Document("sequenceNumber", 5L)).first();
        Document resolvedLast = database.getCollection("events")
                                        .find(new Document("aggregateIdentifier", Revision1Fixtures.WITH_AMOUNT)
                                                      .append("sequenceNumber", 4L)).first();
        assertThat(followUp.getString("prev")).isEqualTo(resolvedLast.getString("hash"));
        assertThat(AuditVerifier.on(database, AuditLedger.on(database), Clock.systemUTC()).verify().findings())
                .isEmpty();
    }

    @Test
    void aDisputeResolvedUnderRevisionOneCannotBeResolvedAgain() {
        CommandResultMessage<?> result = send(new ResolveDisputeCommand(
                Revision1Fixtures.WITHOUT_AMOUNT, AgreementForm.WRITTEN, "再次调解", new BigDecimal("10.00"),
                LocalDate.of(2025, 7, 1), "mediator-fixture"));
        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(LifecycleViolation.class);
    }

    private CommandResultMessage<?> send(Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), callback);
        return callback.getResult();
    }
}
