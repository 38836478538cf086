package cn.mediation.app.security;

import cn.mediation.app.support.AppTestBase;
import cn.mediation.app.support.SessionClient;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login session is kept in MongoDB (so that every instance serves it): what is stored names the user and their
 * role, never the password or the hash it is checked against, so a copy of the sessions is no list of hashes to
 * guess against.
 */
class SessionSecretsTest extends AppTestBase {

    @Autowired
    private MongoDatabase database;

    @Test
    void aStoredSessionHoldsNeitherThePasswordNorItsHash() throws Exception {
        cityUsers();
        SessionClient session = new SessionClient().login(path -> URI.create("http://127.0.0.1:" + port + path),
                                                          MEDIATOR, PASSWORD);
        assertThat(session.get(path -> URI.create("http://127.0.0.1:" + port + path), "/api/fields").statusCode())
                .as("the session serves requests").isEqualTo(200);

        String hash = database.getCollection("users").find(new Document("_id", MEDIATOR)).first()
                              .getString("passwordHash");
        assertThat(hash).startsWith("$2");
        List<String> stored = new ArrayList<>();
        for (RawBsonDocument document : database.getCollection("sessions", RawBsonDocument.class).find()) {
            java.nio.ByteBuffer buffer = document.getByteBuffer().asNIO();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            stored.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        assertThat(stored).as("stored sessions").isNotEmpty();
        assertThat(stored).anySatisfy(text -> assertThat(text).contains(MEDIATOR));
        assertThat(stored).noneSatisfy(text -> assertThat(text).contains(hash))
                          .noneSatisfy(text -> assertThat(text).contains(PASSWORD));
    }
}
