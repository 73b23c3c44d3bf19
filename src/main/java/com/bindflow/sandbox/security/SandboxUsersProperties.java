package com.bindflow.sandbox.security;

import com.bindflow.security.BindflowGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bindflow.sandbox.users.<user-id>.*}: the demo users of the sandbox profile. The built-in roster
 * ({@link #DEFAULTS}) applies unless configured otherwise; an entry overrides the fields it sets
 * ({@code password}, {@code first-name}, {@code last-name}, {@code email}, {@code groups}) of the built-in user of
 * that id, or adds a user (then {@code groups} should be set). A user that already exists is never changed.
 *
 * <pre>
 * bindflow:
 *   sandbox:
 *     users:
 *       reviewer1: { password: reviewer1 }
 *       cs2: { groups: [customer-service] }
 * </pre>
 */
@ConfigurationProperties("bindflow.sandbox")
public class SandboxUsersProperties {

    /**
     * The built-in sandbox roster of staff (Camunda users); the password of each is its id. The API clients
     * ({@code jd-app}, {@code jd-finance}) are no Camunda users: see {@code bindflow.security.api-clients}.
     */
    public static final List<SandboxUser> DEFAULTS = List.of(
            new SandboxUser("reviewer1", "reviewer1", "Rita", "Reviewer", null, List.of(BindflowGroups.ELIGIBILITY_REVIEWERS)),
            new SandboxUser("reviewer2", "reviewer2", "Rui", "Reviewer", null, List.of(BindflowGroups.ELIGIBILITY_REVIEWERS)),
            new SandboxUser("cs1", "cs1", "Chen", "Service", null, List.of(BindflowGroups.CUSTOMER_SERVICE)),
            new SandboxUser("risk1", "risk1", "Ren", "Risk", null, List.of(BindflowGroups.RISK_REVIEWERS)),
            new SandboxUser("supervisor1", "supervisor1", "Su", "Supervisor", null, List.of(BindflowGroups.RISK_SUPERVISORS)),
            new SandboxUser("ops1", "ops1", "Ou", "Operator", null, List.of(BindflowGroups.OPERATORS)));

    private Map<String, UserEntry> users = new LinkedHashMap<>();

    public Map<String, UserEntry> getUsers() {
        return users;
    }

    public void setUsers(Map<String, UserEntry> users) {
        this.users = users == null ? new LinkedHashMap<>() : users;
    }

    /** The built-in roster with the configured entries applied. */
    public List<SandboxUser> effectiveUsers() {
        Map<String, SandboxUser> result = new LinkedHashMap<>();
        DEFAULTS.forEach(user -> result.put(user.id(), user));
        users.forEach((id, entry) -> result.put(id, entry.over(result.get(id), id)));
        return List.copyOf(result.values());
    }

    public record SandboxUser(String id, String password, String firstName, String lastName, String email,
                              List<String> groups) {
    }

    /** A configured user; fields left unset keep the built-in value. */
    public static class UserEntry {

        private String password;
        private String firstName;
        private String lastName;
        private String email;
        private List<String> groups;

        SandboxUser over(SandboxUser base, String id) {
            return new SandboxUser(id,
                    password != null ? password : base != null ? base.password() : id,
                    firstName != null ? firstName : base != null ? base.firstName() : id,
                    lastName != null ? lastName : base != null ? base.lastName() : "Sandbox",
                    email != null ? email : base != null ? base.email() : null,
                    groups != null ? List.copyOf(groups) : base != null ? base.groups() : List.of());
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getFirstName() {
            return firstName;
        }

        public void setFirstName(String firstName) {
            this.firstName = firstName;
        }

        public String getLastName() {
            return lastName;
        }

        public void setLastName(String lastName) {
            this.lastName = lastName;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public List<String> getGroups() {
            return groups;
        }

        public void setGroups(List<String> groups) {
            this.groups = groups == null ? null : new ArrayList<>(groups);
        }
    }
}
