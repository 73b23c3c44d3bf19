package com.bindflow.shared;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadinessGateTest {

    @Test
    void theApiAnswers503UntilTheProcessesAreDeployed() throws Exception {
        int[] warmedUp = {0};
        ReadinessGate[] self = new ReadinessGate[1];
        ReadinessGate gate = new ReadinessGate(new DeploymentCacheWarmUp(null) {
            @Override
            public int loadAll() {
                Assertions.assertThat(self[0].isReady()).as("still closed while the cache loads").isFalse();
                warmedUp[0]++;
                return 0;
            }
        });
        self[0] = gate;
        MockHttpServletResponse early = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        gate.doFilter(new MockHttpServletRequest("POST", "/api/bindings"), early, chain);
        Assertions.assertThat(early.getStatus()).isEqualTo(503);
        Assertions.assertThat(early.getHeader("Retry-After")).isEqualTo("2");
        Assertions.assertThat(early.getContentAsString()).contains("\"code\":\"STARTING\"");
        Assertions.assertThat(chain.getRequest()).isNull();

        MockHttpServletResponse webapp = new MockHttpServletResponse();
        MockFilterChain webappChain = new MockFilterChain();
        gate.doFilter(new MockHttpServletRequest("GET", "/camunda/app/cockpit/"), webapp, webappChain);
        Assertions.assertThat(webappChain.getRequest()).isNotNull();

        gate.processesDeployed();
        Assertions.assertThat(warmedUp[0]).isEqualTo(1);
        MockFilterChain later = new MockFilterChain();
        gate.doFilter(new MockHttpServletRequest("POST", "/api/bindings"), new MockHttpServletResponse(), later);
        Assertions.assertThat(later.getRequest()).isNotNull();
    }
}
