package cn.mediation.core.dispute;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages end up in log lines (Axon and Spring print them when something fails, or at DEBUG): no command or event
 * may show a party's name, ID number or phone, or a session's attendees, in its {@code toString()}.
 */
class PersonalDataNotInTextTest {

    /** The personal values the samples of {@link MessageRoundTripTest} use. */
    private static final List<String> PERSONAL = List.of("张三丰", "欧阳娜娜", "51190219800512301", "11010519491231002X",
                                                         "13812345678", "0827-5262345");

    @Test
    void noMessageShowsPersonalDataInItsText() {
        for (Object sample : MessageRoundTripTest.fullSamples()) {
            String text = sample.toString();
            for (String value : PERSONAL) {
                assertThat(text).as(sample.getClass().getSimpleName() + ".toString()").doesNotContain(value);
            }
        }
    }
}
