package com.bindflow.security;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The API client filter remembers a successful check for a while, and never a failed one. */
class ApiClientVerificationMemoryTest {

    private IdentityService identity;

    @BeforeEach
    void identityKnowsJdApp() {
        identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
        when(identity.checkPassword(anyString(), anyString())).thenAnswer(i -> "jd-app-secret".equals(i.getArgument(1)));
        User user = mock(User.class);
        when(user.getId()).thenReturn("jd-app");
        when(identity.createUserQuery().userId(anyString()).singleResult()).thenReturn(user);
        Group clients = mock(Group.class);
        when(clients.getId()).thenReturn(BindflowGroups.API_CLIENTS);
        when(identity.createGroupQuery().groupMember(anyString()).list()).thenReturn(List.of(clients));
    }

    private int call(ApiClientAuthenticationFilter filter, String password) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/bindings");
        request.setServletPath("/api/bindings");
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("jd-app:" + password).getBytes(StandardCharsets.UTF_8)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            Assertions.assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal().getName())
                    .isEqualTo("jd-app");
            return 200;
        }
        return response.getStatus();
    }

    private long ticks;

    private ApiClientAuthenticationFilter filter(Duration verifiedFor) {
        ObjectMapper json = new ObjectMapper();
        return new ApiClientAuthenticationFilter(() -> identity, () -> json, List.of(), verifiedFor, () -> ticks);
    }

    @Test
    void aCheckedClientIsRememberedForAWhile() throws Exception {
        ApiClientAuthenticationFilter filter = filter(Duration.ofMinutes(1));
        Assertions.assertThat(call(filter, "jd-app-secret")).isEqualTo(200);
        Assertions.assertThat(call(filter, "jd-app-secret")).isEqualTo(200);
        Assertions.assertThat(call(filter, "jd-app-secret")).isEqualTo(200);
        verify(identity, times(1)).checkPassword("jd-app", "jd-app-secret");
    }

    @Test
    void aWrongPasswordIsNeverRememberedNorLetThroughByAnEarlierSuccess() throws Exception {
        ApiClientAuthenticationFilter filter = filter(Duration.ofMinutes(1));
        Assertions.assertThat(call(filter, "jd-app-secret")).isEqualTo(200);
        Assertions.assertThat(call(filter, "guess")).isEqualTo(401);
        Assertions.assertThat(call(filter, "guess")).isEqualTo(401);
        verify(identity, times(2)).checkPassword("jd-app", "guess");
    }

    @Test
    void zeroChecksEveryRequest() throws Exception {
        ApiClientAuthenticationFilter filter = filter(Duration.ZERO);
        call(filter, "jd-app-secret");
        call(filter, "jd-app-secret");
        verify(identity, times(2)).checkPassword("jd-app", "jd-app-secret");
    }

    @Test
    void aRememberedCheckRunsOut() throws Exception {
        ApiClientAuthenticationFilter filter = filter(Duration.ofSeconds(10));
        call(filter, "jd-app-secret");
        ticks += Duration.ofSeconds(10).minusNanos(1).toNanos();
        call(filter, "jd-app-secret");
        verify(identity, times(1)).checkPassword("jd-app", "jd-app-secret");
        ticks += 1;
        call(filter, "jd-app-secret");
        verify(identity, times(2)).checkPassword("jd-app", "jd-app-secret");
    }
}
