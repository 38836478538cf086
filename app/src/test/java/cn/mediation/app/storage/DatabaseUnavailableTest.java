package cn.mediation.app.storage;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line between "the database is out of reach, try again" (503) and every other failure (500 or a refusal),
 * through the wrappers Axon, the command gateway and Spring Security put around the driver's exceptions.
 */
class DatabaseUnavailableTest {

    private static final ServerAddress SERVER = new ServerAddress("127.0.0.1", 27017);

    @Test
    void anOutageIsRecognisedThroughEveryWrapper() {
        MongoTimeoutException timeout = new MongoTimeoutException("Timed out waiting for a server");
        assertThat(DatabaseUnavailable.causedBy(timeout)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new EventStoreException("could not be persisted", timeout))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CommandExecutionException(
                "failed", new EventStoreException("could not be persisted", timeout)))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new InternalAuthenticationServiceException(
                "user store", new MongoSocketReadException("Prematurely reached end of stream", SERVER)))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        MongoWriteException duplicate = new MongoWriteException(
                new WriteError(11000, "E11000 duplicate key", new BsonDocument()), SERVER);
        assertThat(DatabaseUnavailable.causedBy(duplicate)).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new EventStoreException("bad", new IllegalArgumentException()))).isFalse();
    }
}
