package io.llm402.gateway.management.auth;

import io.llm402.gateway.management.Caller;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request's authenticated caller: the role as authority (the hierarchy adds the lower ones), and how they came. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    /** Held by browser sessions only: routes that change credentials require it (identity.md §4.6). */
    public static final String SESSION_AUTHORITY = "LOGIN_SESSION";

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        // The user as read for this request, for readers outside the gateway (the console) that know only
        // projections: they need not read it again.
        setDetails(caller.user());
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.userId();
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + caller.role().name()));
        if (caller.bySession()) {
            authorities.add(new SimpleGrantedAuthority(SESSION_AUTHORITY));
        }
        return authorities;
    }
}
