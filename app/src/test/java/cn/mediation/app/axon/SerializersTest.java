package cn.mediation.app.axon;

import cn.mediation.app.support.AppTestBase;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One serializer for messages, events and tokens (Axon's qualified serializers are that same instance), and one for
 * snapshots, which reads an aggregate's fields rather than its getters.
 */
class SerializersTest extends AppTestBase {

    @Autowired
    private ApplicationContext context;

    @Test
    void messagesEventsAndTokensShareOneSerializerAndSnapshotsHaveTheirOwn() {
        Serializer primary = context.getBean(Serializer.class);
        assertThat(context.getBean("eventSerializer", Serializer.class)).isSameAs(primary);
        assertThat(context.getBean("messageSerializer", Serializer.class)).isSameAs(primary);
        assertThat(context.getBean("snapshotSerializer", Serializer.class)).isNotSameAs(primary);
        assertThat(context.getBeansOfType(Serializer.class).values().stream().distinct().count()).isEqualTo(2);
    }
}
