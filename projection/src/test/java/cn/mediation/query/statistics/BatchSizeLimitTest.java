package cn.mediation.query.statistics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statistics processor's batch may not outgrow what each bucket remembers of the events applied to it. */
class BatchSizeLimitTest {

    @Test
    void aBatchUpToHalfTheRememberedEventsIsAcceptedOneMoreIsRefused() {
        assertThatCode(() -> StatisticsProjection.checkBatchSize(MongoStatisticsStore.RECENT / 2))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> StatisticsProjection.checkBatchSize(MongoStatisticsStore.RECENT / 2 + 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("batch size is " + (MongoStatisticsStore.RECENT / 2 + 1))
                .hasMessageContaining("at most " + MongoStatisticsStore.RECENT / 2);
    }
}
