package cn.mediation.app.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a user's login sessions, on every instance at once: they are kept in MongoDB, indexed by the user's name.
 */
@Component
public class SessionsOfUsers {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    public SessionsOfUsers(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    public void end(String username) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository != null) {
            repository.findByPrincipalName(username).keySet().forEach(repository::deleteById);
        }
    }
}
