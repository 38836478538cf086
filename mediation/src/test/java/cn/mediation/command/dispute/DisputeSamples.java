package cn.mediation.command.dispute;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.dispute.RegisterDisputeCommand;
import cn.mediation.core.dispute.ResidentIdNumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Sample data shared by the dispute tests: one village of the shipped 巴中 sample directory and its ancestors. */
final class DisputeSamples {

    static final String ID = "6f1c2a7e-3b4d-4c5e-9f10-2a3b4c5d6e7f";
    static final String CASE_NUMBER = "2026-511902101001-0001";
    static final String COMMITTEE_ID = "C511902101001";

    static final String VILLAGE = "511902101001";
    static final String OTHER_VILLAGE = "511902101002";
    static final String TOWN = "511902101000";
    static final String COUNTY = "511902000000";
    static final String CITY = "511900000000";

    static final String FIELD = "NEIGHBOURS";
    static final String OTHER_FIELD = "LABOUR_WAGES";
    static final String SUMMARY = "两户因宅前排水沟堵塞、雨水倒灌发生争执";
    static final LocalDate REGISTERED_ON = LocalDate.of(2026, 3, 2);
    static final LocalDate OCCURRED_ON = LocalDate.of(2026, 2, 27);
    static final BigDecimal AMOUNT = new BigDecimal("5000.00");
    static final String CLERK = "clerk-wang";

    private DisputeSamples() {
    }

    static String idNumber(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    static List<Party> parties() {
        return List.of(new Party(PartyRole.APPLICANT, "张三丰", idNumber("51190219800512301"), "13812345678"),
                       new Party(PartyRole.RESPONDENT, "李四", idNumber("51190219750321452"), "13987654321"));
    }

    static RegisterDisputeCommand register() {
        return register(ID);
    }

    static RegisterDisputeCommand register(String id) {
        return new RegisterDisputeCommand(id, CASE_NUMBER, COMMITTEE_ID, VILLAGE, FIELD, DisputeSource.APPLICATION,
                                          SUMMARY, REGISTERED_ON, OCCURRED_ON, 3, AMOUNT, parties(), CLERK);
    }

    static DisputeRegisteredEvent registered() {
        return new DisputeRegisteredEvent(ID, CASE_NUMBER, COMMITTEE_ID, VILLAGE, FIELD, DisputeSource.APPLICATION,
                                          SUMMARY, REGISTERED_ON, OCCURRED_ON, 3, AMOUNT, parties(), CLERK);
    }

    static LocalDate day(int n) {
        return REGISTERED_ON.plusDays(n);
    }
}
