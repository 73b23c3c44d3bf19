package com.bindflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who is logged in to the Camunda webapps in this request's HTTP session: the staff login of Tasklist, Cockpit and
 * Admin is also the login of the operators' dashboard ({@code /ops}), one session for all of them. The session holds
 * Camunda's own {@link Authentications} (written by its login endpoint, {@code /camunda/api/admin/auth/user/default/login/*},
 * behind the same throttle and lockout as every staff login); nothing here checks a password.
 */
public final class StaffSession {

    /** The engine the webapps log in to. */
    static final String ENGINE = "default";

    private StaffSession() {
    }

    /** A logged-in member of the staff: the user and the groups Camunda read at login. */
    public record Staff(String userId, List<String> groupIds) {

        public boolean inAnyOf(List<String> groups) {
            return groupIds.stream().anyMatch(groups::contains);
        }
    }

    /** The staff member logged in to the webapps in this request's session; empty without a session or a login. */
    public static Optional<Staff> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user)) {
            return Optional.empty();
        }
        List<String> groups = user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds());
        return Optional.of(new Staff(user.getName(), groups));
    }
}
