package cn.mediation.core.privacy;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.MediationSessionRecordedEvent;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.dispute.ResidentIdNumber;
import cn.mediation.core.json.Json;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A registration and a session full of personal data, and the clear strings no stored document may contain. */
final class PrivacySamples {

    static final String DISPUTE = "6f1c2a7e-3b4d-4c5e-9f10-2a3b4c5d6e7f";
    static final String ID_1 = "51190219800512301" + ResidentIdNumber.checkCharacter("51190219800512301");
    static final String ID_2 = "11010519491231002X";
    static final String PHONE_1 = "13812345678";
    static final String PHONE_2 = "13987654321";
    static final String NAME_1 = "张三丰";
    static final String NAME_2 = "欧阳娜娜";
    static final List<String> CLEAR = List.of(ID_1, ID_2, PHONE_1, PHONE_2, NAME_1, NAME_2);

    static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();

    private PrivacySamples() {
    }

    static DisputeRegisteredEvent registered(String disputeId) {
        return new DisputeRegisteredEvent(disputeId, "2026-511902101001-0001", "C511902101001", "511902101001",
                                          "NEIGHBOURS", DisputeSource.APPLICATION, "宅前排水沟纠纷",
                                          LocalDate.of(2026, 3, 2), null, 2, new BigDecimal("100.00"),
                                          List.of(new Party(PartyRole.APPLICANT, NAME_1, ID_1, PHONE_1),
                                                  new Party(PartyRole.RESPONDENT, NAME_2, ID_2, PHONE_2)),
                                          "clerk-wang");
    }

    static MediationSessionRecordedEvent session(String disputeId) {
        return new MediationSessionRecordedEvent(disputeId, List.of(NAME_1, NAME_2), "第一次调解",
                                                 LocalDate.of(2026, 3, 5), "mediator-zhao");
    }
}
