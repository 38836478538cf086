package cn.mediation.core.privacy;

import cn.mediation.core.dispute.DisputeClosedEvent;
import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.MediationSessionRecordedEvent;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.RegisterDisputeCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalFieldsTest {

    /** Shaped like an aggregate whose snapshot keeps the registration and some state of its own. */
    static final class KeepsARegistration {
        private String disputeId;
        private DisputeRegisteredEvent registration;
        private KeepsARegistration previous;
        private static Party ignoredStatic;
        private transient Party ignoredTransient;
    }

    record MarksANumber(@PersonalData int age) {
    }

    private static List<String> paths(Class<?> type) {
        return PersonalFields.of(type).stream().map(Object::toString).toList();
    }

    @Test
    void theRegistrationsPartiesArePersonal() {
        assertThat(paths(DisputeRegisteredEvent.class))
                .containsExactlyInAnyOrder("parties[].name", "parties[].idNumber", "parties[].phone");
        assertThat(paths(RegisterDisputeCommand.class)).hasSize(3);
        assertThat(paths(Party.class)).containsExactlyInAnyOrder("name", "idNumber", "phone");
    }

    @Test
    void sessionAttendeesArePersonal() {
        assertThat(paths(MediationSessionRecordedEvent.class)).containsExactly("attendees[]");
    }

    @Test
    void aSnapshotHoldingTheRegistrationIsCoveredByTheSameMark() {
        assertThat(Set.copyOf(paths(KeepsARegistration.class)))
                .isEqualTo(Set.of("registration.parties[].name", "registration.parties[].idNumber",
                                  "registration.parties[].phone"));
    }

    @Test
    void mostEventsHaveNone() {
        assertThat(paths(DisputeClosedEvent.class)).isEmpty();
        assertThat(paths(String.class)).isEmpty();
    }

    @Test
    void onlyTextCanBeMarked() {
        assertThatThrownBy(() -> PersonalFields.of(MarksANumber.class)).isInstanceOf(IllegalStateException.class)
                                                                        .hasMessageContaining("age");
    }
}
