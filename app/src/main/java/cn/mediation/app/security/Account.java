package cn.mediation.app.security;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.core.region.RegionCode;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** A user as Spring Security sees it: the stored account, with its role as the one authority. */
public record Account(String username, String passwordHash, Role role, RegionCode scope, boolean enabled)
        implements UserDetails {

    /**
     * The account as a login keeps it (in the session, which is stored in MongoDB): without its password hash, so
     * that a copy of the sessions gives nobody a hash to guess against.
     */
    public Account withoutPasswordHash() {
        return new Account(username, null, role, scope, enabled);
    }

    public Caller caller() {
        return new Caller(username, role, scope);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + ", " + scope + "]";
    }
}
