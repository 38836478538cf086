package cn.mediation.core.dispute;

import cn.mediation.core.committee.AppointMediatorCommand;
import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.EstablishCommitteeCommand;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.committee.MediatorRemovedEvent;
import cn.mediation.core.committee.RemoveMediatorCommand;
import cn.mediation.core.eventstore.BsonJson;
import cn.mediation.core.json.Json;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.sweep.RecordScreeningSweepCommand;
import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command and event of the dispute, committee and sweep packages survives Axon's Jackson serializer configured
 * with {@link Json#messageMapper()}, in every form the application uses: bytes, text, and the JSON tree that the
 * MongoDB event store turns into a BSON document and back.
 */
class MessageRoundTripTest {

    private static final List<String> MESSAGE_PACKAGES =
            List.of("cn.mediation.core.dispute", "cn.mediation.core.committee", "cn.mediation.core.sweep");

    private static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();

    private static final String DISPUTE = "6f1c2a7e-3b4d-4c5e-9f10-2a3b4c5d6e7f";
    private static final String VILLAGE = "511902101001";
    private static final String TOWN = "511902101000";
    private static final String COUNTY = "511902000000";
    private static final LocalDate ON = LocalDate.of(2026, 3, 2);
    private static final LocalDate LATER = LocalDate.of(2026, 3, 16);
    private static final BigDecimal AMOUNT = new BigDecimal("5000.00");
    private static final BigDecimal AGREED = new BigDecimal("3200.50");
    private static final String CLERK = "clerk-王";

    // ================================================================== samples

    private static List<Party> parties() {
        String applicantId = "51190219800512301" + ResidentIdNumber.checkCharacter("51190219800512301");
        return List.of(new Party(PartyRole.APPLICANT, "张三丰", applicantId, "13812345678"),
                       new Party(PartyRole.RESPONDENT, "欧阳娜娜", "11010519491231002X", "0827-5262345"));
    }

    /** One realistic instance of every command and event, all values present. */
    static List<Object> fullSamples() {
        return List.of(
                // dispute commands
                new RegisterDisputeCommand(DISPUTE, "2026-511902101001-0007", "C" + VILLAGE, VILLAGE, "NEIGHBOURS",
                                           DisputeSource.REFERRAL, "两户因宅前排水沟堵塞、雨水倒灌发生争执", ON,
                                           ON.minusDays(3), 3, AMOUNT, parties(), CLERK, Referrer.POLICE),
                new ScreenDisputeCommand(DISPUTE, RiskGrade.SIGNIFICANT, ScreeningDecision.DECLINE, "已向人民法院起诉",
                                         true, false, ON, CLERK),
                new StartMediationCommand(DISPUTE, "C-NEIGHBOURS-511902", COUNTY, "NEIGHBOURS",
                                          List.of("M-001", "M-002"), MediationChannel.PEOPLES, ON, "mediator-赵"),
                new RecordMediationSessionCommand(DISPUTE, List.of("张三丰", "欧阳娜娜", "调解员赵"), "双方同意实地查看",
                                                  ON, "mediator-赵"),
                new ResolveDisputeCommand(DISPUTE, AgreementForm.WRITTEN, "三日内疏通排水沟并赔偿损失", AGREED, LATER,
                                          "mediator-赵", List.of(new Prevention(PreventionOutcome.CRIMINAL_CASE, 2))),
                new FailMediationCommand(DISPUTE, "双方分歧过大", LATER, "mediator-赵"),
                new EscalateDisputeCommand(DISPUTE, EscalationTarget.TOWN, "村级难以化解", LATER, CLERK),
                new AcceptEscalationCommand(DISPUTE, LATER, "town-clerk"),
                new WithdrawDisputeCommand(DISPUTE, "申请人主动撤回", LATER, CLERK),
                new RecordFulfilmentCommand(DISPUTE, true, LATER, "mediator-赵"),
                new RecordJudicialConfirmationCommand(DISPUTE, "巴中市巴州区人民法院", LATER, CLERK),
                new RecordFollowUpCommand(DISPUTE, 5, "双方满意", LATER, "mediator-赵"),
                new ReopenDisputeCommand(DISPUTE, "协议未履行", LATER, "mediator-赵"),
                new CloseDisputeCommand(DISPUTE, "结案归档", LATER, CLERK),
                new RecordIncidentCommand(DISPUTE, IncidentKind.CIVIL_TO_CRIMINAL, "发生肢体冲突", LATER, CLERK),
                // dispute events
                new DisputeRegisteredEvent(DISPUTE, "2026-511902101001-0007", "C" + VILLAGE, VILLAGE, "NEIGHBOURS",
                                           DisputeSource.REFERRAL, "两户因宅前排水沟堵塞、雨水倒灌发生争执", ON,
                                           ON.minusDays(3), 3, AMOUNT, parties(), CLERK, Referrer.PETITION_OFFICE),
                new DisputeScreenedEvent(DISPUTE, RiskGrade.MAJOR, ScreeningDecision.SEND_UP, "涉及多户村民", true, true,
                                         ON, CLERK),
                new MediationStartedEvent(DISPUTE, "C" + TOWN, List.of("M-101"), MediationChannel.ADMINISTRATIVE,
                                          RegionLevel.TOWN, TOWN, ON, "mediator-钱"),
                new MediationSessionRecordedEvent(DISPUTE, List.of("张三丰", "欧阳娜娜"), "第一次调解", ON, "mediator-钱"),
                new DisputeResolvedEvent(DISPUTE, AgreementForm.ORAL, "互相谅解", AGREED, RegionLevel.COUNTY, COUNTY,
                                         LATER, "mediator-孙",
                                         List.of(new Prevention(PreventionOutcome.GROUP_PETITION, 15),
                                                 new Prevention(PreventionOutcome.SUICIDE, 1))),
                new MediationFailedEvent(DISPUTE, "双方分歧过大", RegionLevel.VILLAGE, VILLAGE, LATER, "mediator-赵"),
                new DisputeEscalatedEvent(DISPUTE, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN,
                                          "村级难以化解", LATER, CLERK),
                new EscalationAcceptedEvent(DISPUTE, RegionLevel.TOWN, TOWN, LATER, "town-clerk"),
                new DisputeWithdrawnEvent(DISPUTE, "申请人主动撤回", LATER, CLERK),
                new FulfilmentRecordedEvent(DISPUTE, false, LATER, "mediator-赵"),
                new JudicialConfirmationRecordedEvent(DISPUTE, "巴中市巴州区人民法院", LATER, CLERK),
                new FollowUpRecordedEvent(DISPUTE, 4, "基本满意", LATER, "mediator-赵"),
                new DisputeReopenedEvent(DISPUTE, "协议未履行", LATER, "mediator-赵"),
                new DisputeClosedEvent(DISPUTE, "结案归档", LATER, CLERK),
                new IncidentRecordedEvent(DISPUTE, IncidentKind.GROUP_INCIDENT, "二十余名村民聚集", LATER, CLERK),
                new ErasePersonalDataCommand(DISPUTE, LATER, "clerk-李"),
                new PersonalDataErasedEvent(DISPUTE, LATER, "clerk-李"),
                // committees
                new EstablishCommitteeCommand("C" + VILLAGE, "样例村一人民调解委员会", VILLAGE, "MEDICAL", ON, "admin-陈",
                                              cn.mediation.core.committee.CommitteeKind.PROFESSIONAL, "医疗卫生"),
                new AppointMediatorCommand("C" + VILLAGE, "M-001", "赵敏", ON, "admin-陈", true),
                new RemoveMediatorCommand("C" + VILLAGE, "M-001", "调离本村", LATER, "admin-陈"),
                new CommitteeEstablishedEvent("C" + VILLAGE, "样例村一人民调解委员会", VILLAGE, RegionLevel.VILLAGE,
                                              "MEDICAL", ON, "admin-陈",
                                              cn.mediation.core.committee.CommitteeKind.PROFESSIONAL, "医疗卫生"),
                new MediatorAppointedEvent("C" + VILLAGE, "M-001", "赵敏", VILLAGE, ON, "admin-陈", false),
                new cn.mediation.core.committee.RecordCommitteeKindCommand(
                        "C" + VILLAGE, cn.mediation.core.committee.CommitteeKind.PROFESSIONAL, "医疗卫生", LATER, "admin-陈"),
                new cn.mediation.core.committee.CommitteeKindRecordedEvent(
                        "C" + VILLAGE, cn.mediation.core.committee.CommitteeKind.PROFESSIONAL, "医疗卫生", VILLAGE, LATER,
                        "admin-陈"),
                new cn.mediation.core.committee.RecordMediatorEmploymentCommand("C" + VILLAGE, "M-001", true, LATER,
                                                                                "admin-陈"),
                new cn.mediation.core.committee.MediatorEmploymentRecordedEvent("C" + VILLAGE, "M-001", true, VILLAGE,
                                                                                LATER, "admin-陈"),
                new MediatorRemovedEvent("C" + VILLAGE, "M-001", "调离本村", VILLAGE, LATER, "admin-陈"),
                // sweeps
                new RecordScreeningSweepCommand("0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d", VILLAGE, 2,
                                                "入户走访三十二户，发现纠纷两起", ON, "grid-孙"),
                new ScreeningSweepRecordedEvent("0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d", VILLAGE, 2,
                                                "入户走访三十二户，发现纠纷两起", ON, "grid-孙"));
    }

    /** Instances with the optional values absent, as they occur in practice. */
    static List<Object> samplesWithAbsentValues() {
        return List.of(
                new RegisterDisputeCommand(DISPUTE, null, "C" + VILLAGE, VILLAGE, "OTHER", DisputeSource.REFERRAL,
                                           "纠纷", ON, null, 1, null,
                                           List.of(new Party(PartyRole.APPLICANT, "李四", null, null)), CLERK),
                new DisputeRegisteredEvent(DISPUTE, "2026-511902101001-0008", "C" + VILLAGE, VILLAGE, "OTHER",
                                           DisputeSource.REFERRAL, "纠纷", ON, null, 1, null,
                                           List.of(new Party(PartyRole.APPLICANT, "李四", null, null)), CLERK),
                // as read back after its personal data was erased
                new DisputeRegisteredEvent(DISPUTE, "2026-511902101001-0009", "C" + VILLAGE, VILLAGE, "OTHER",
                                           DisputeSource.REFERRAL, "纠纷", ON, null, 1, null,
                                           List.of(new Party(PartyRole.APPLICANT, null, null, null)), CLERK),
                new ScreenDisputeCommand(DISPUTE, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false, ON,
                                         CLERK),
                new StartMediationCommand(DISPUTE, "C" + VILLAGE, VILLAGE, null, List.of("M-001"),
                                          MediationChannel.JUDICIAL, ON, "mediator-赵"),
                new DisputeResolvedEvent(DISPUTE, AgreementForm.ORAL, "互相谅解", null, RegionLevel.VILLAGE, VILLAGE,
                                         ON, "mediator-赵"),
                new DisputeResolvedEvent(DISPUTE, AgreementForm.WRITTEN, "赔偿", new BigDecimal("0.00"),
                                         RegionLevel.VILLAGE, VILLAGE, ON, "mediator-赵"),
                new DisputeEscalatedEvent(DISPUTE, RegionLevel.CITY, "511900000000", EscalationTarget.LITIGATION,
                                          null, "转诉讼", ON, CLERK),
                new DisputeWithdrawnEvent(DISPUTE, null, ON, CLERK),
                new FollowUpRecordedEvent(DISPUTE, 1, null, ON, "mediator-赵"),
                new CommitteeEstablishedEvent("C" + VILLAGE, "样例村一人民调解委员会", VILLAGE, RegionLevel.VILLAGE, null,
                                              ON, "admin-陈"),
                new ScreeningSweepRecordedEvent("0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d", VILLAGE, 0, null, ON,
                                                "grid-孙"));
    }

    static Stream<Object> allSamples() {
        return Stream.concat(fullSamples().stream(), samplesWithAbsentValues().stream());
    }

    // ================================================================== the list is complete

    @Test
    void theSamplesCoverEveryCommandAndEventClass() {
        Set<String> sampled = fullSamples().stream().map(sample -> sample.getClass().getName())
                                           .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fullSamples()).as("one sample per class").hasSameSizeAs(sampled);
        assertThat(sampled).isEqualTo(messageClassNames());
    }

    @Test
    void everySampleHasEveryValuePresent() {
        for (Object sample : fullSamples()) {
            for (var component : sample.getClass().getRecordComponents()) {
                Object value;
                try {
                    value = component.getAccessor().invoke(sample);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                assertThat(value).as(sample.getClass().getSimpleName() + "." + component.getName()).isNotNull();
            }
        }
    }

    // ================================================================== round trips

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSamples")
    void roundTripsAsBytes(Object message) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(message, byte[].class);
        assertThat(serialized.getType().getName()).isEqualTo(message.getClass().getName());
        Object back = SERIALIZER.deserialize(serialized);
        assertThat(back).isEqualTo(message);
        assertThat(back).usingRecursiveComparison().isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSamples")
    void roundTripsAsText(Object message) {
        SerializedObject<String> serialized = SERIALIZER.serialize(message, String.class);
        assertThat((Object) SERIALIZER.deserialize(serialized)).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSamples")
    void roundTripsThroughTheEventStoresBsonDocument(Object message) {
        SerializedObject<JsonNode> tree = SERIALIZER.serialize(message, JsonNode.class);
        BsonDocument stored = BsonJson.toBson(tree.getData()).asDocument();
        Document decoded = new DocumentCodec().decode(new BsonDocumentReader(stored), DecoderContext.builder().build());
        JsonNode read = BsonJson.fromDecoded(decoded);
        Object back = SERIALIZER.deserialize(new SimpleSerializedObject<>(read, JsonNode.class, tree.getType()));
        assertThat(back).isEqualTo(message);
    }

    @Test
    void amountsKeepTheirScaleAndDatesAreIsoText() throws IOException {
        Object registered = fullSamples().stream().filter(DisputeRegisteredEvent.class::isInstance).findFirst()
                                         .orElseThrow();
        String json = SERIALIZER.serialize(registered, String.class).getData();
        assertThat(json).contains("\"amountInvolved\":5000.00")
                        .contains("\"date\":\"2026-03-02\"")
                        .contains("两户因宅前排水沟堵塞")
                        .doesNotContain("@class");
        DisputeRegisteredEvent back = Json.messageMapper().readValue(json, DisputeRegisteredEvent.class);
        assertThat(back.amountInvolved()).isEqualByComparingTo("5000").hasScaleOf(2);
    }

    @Test
    void aStoredEventWithAFieldThisVersionDoesNotKnowStillReads() throws IOException {
        String json = "{\"disputeId\":\"" + DISPUTE + "\",\"reason\":\"结案\",\"date\":\"2026-03-16\","
                + "\"actor\":\"clerk\",\"archiveNumber\":\"A-17\"}";
        assertThat(Json.messageMapper().readValue(json, DisputeClosedEvent.class))
                .isEqualTo(new DisputeClosedEvent(DISPUTE, "结案", LATER, "clerk"));
    }

    // ================================================================== annotations

    @Test
    void everyEventClassHasARevision() {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : messageClasses()) {
            if (type.getSimpleName().endsWith("Event")) {
                Revision revision = type.getAnnotation(Revision.class);
                if (revision == null || revision.value().isBlank()) {
                    missing.add(type.getName());
                }
            }
        }
        assertThat(missing).as("event classes without @Revision").isEmpty();
    }

    @Test
    void theSerializedTypeOfAnEventCarriesItsRevision() {
        for (Object sample : fullSamples()) {
            Revision revision = sample.getClass().getAnnotation(Revision.class);
            String expected = revision == null ? null : revision.value();
            assertThat(SERIALIZER.serialize(sample, byte[].class).getType().getRevision())
                    .as(sample.getClass().getSimpleName()).isEqualTo(expected);
        }
    }

    @Test
    void everyCommandNamesItsTargetAggregateFirst() {
        for (Class<?> type : messageClasses()) {
            if (type.getSimpleName().endsWith("Command")) {
                List<String> targets = Arrays.stream(type.getDeclaredFields())
                                             .filter(field -> field.isAnnotationPresent(TargetAggregateIdentifier.class))
                                             .map(Field::getName)
                                             .toList();
                assertThat(targets).as(type.getSimpleName() + " @TargetAggregateIdentifier")
                                   .containsExactly(type.getRecordComponents()[0].getName());
            }
        }
    }

    // ================================================================== scanning the packages

    private static Set<String> messageClassNames() {
        return messageClasses().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The top-level classes named *Command or *Event in the message packages, as compiled. */
    private static List<Class<?>> messageClasses() {
        List<Class<?>> found = new ArrayList<>();
        try {
            Path location = Path.of(RegisterDisputeCommand.class.getProtectionDomain().getCodeSource().getLocation()
                                                                .toURI());
            if (Files.isDirectory(location)) {
                scan(location, found);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    scan(jar.getPath("/"), found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(found).as("message classes found on the class path").hasSizeGreaterThan(30);
        return found;
    }

    private static void scan(Path root, List<Class<?>> found) throws IOException {
        for (String packageName : MESSAGE_PACKAGES) {
            Path directory = root.resolve(packageName.replace('.', '/'));
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".class") || name.contains("$")) {
                        continue;
                    }
                    String simpleName = name.substring(0, name.length() - ".class".length());
                    if (simpleName.endsWith("Command") || simpleName.endsWith("Event")) {
                        try {
                            found.add(Class.forName(packageName + "." + simpleName));
                        } catch (ClassNotFoundException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        }
    }
}
