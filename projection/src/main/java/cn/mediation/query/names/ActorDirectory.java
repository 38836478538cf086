package cn.mediation.query.names;

import cn.mediation.core.access.Role;

import java.util.Optional;

/**
 * Who a stored actor is: the role and area of the user whose name each event carries. The users live with the
 * application's security; it provides this, so the read side can show "who" without knowing how logins work.
 */
public interface ActorDirectory {

    record Actor(String username, Role role, String regionCode) {
    }

    Optional<Actor> find(String username);
}
