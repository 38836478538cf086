package cn.mediation.command.dispute;

import cn.mediation.core.dispute.PersonalDataErasedEvent;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.testing.TestMongo;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracking handler that makes sure an erased dispute's key is gone, even if the edge stopped before. */
class PersonalKeyEraserTest {

    @Test
    void anErasureReadFromTheLogDeletesTheKeyAndReadingItAgainIsHarmless() {
        PersonalKeyVault vault = new PersonalKeyVault(TestMongo.freshDatabase(), TestMongo.KEKS);
        String id = DisputeSamples.ID;
        assertThat(vault.keyForWriting(id)).isPresent();
        PersonalKeyEraser eraser = new PersonalKeyEraser(vault);
        PersonalDataErasedEvent event = new PersonalDataErasedEvent(id, LocalDate.of(2026, 4, 1), "officer-li");

        eraser.on(event);
        eraser.on(event);

        assertThat(vault.keyForReading(id)).isEmpty();
        assertThat(vault.keyForWriting(id)).as("no new key after an erasure").isEmpty();
        assertThat(vault.isErased(id)).isTrue();
    }
}
