package cn.mediation.app.security;

import cn.mediation.query.names.ActorDirectory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The read side's view of who an event's actor is: the stored user's role and area, nothing of its login. */
@Component
public class AccountActors implements ActorDirectory {

    private final Accounts accounts;

    public AccountActors(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Actor> find(String username) {
        return accounts.find(username).map(a -> new Actor(a.username(), a.role(), a.scope().value()));
    }
}
