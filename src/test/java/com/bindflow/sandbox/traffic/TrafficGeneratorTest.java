package com.bindflow.sandbox.traffic;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingStatus;
import com.bindflow.channel.Channel;
import com.bindflow.reports.BindingFunnel;
import com.bindflow.support.ProcessTestSupport;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The sandbox traffic generator: n customers on both channels, played on the test clock to their end. */
class TrafficGeneratorTest extends ProcessTestSupport {

    private static final Set<BindingStatus> WHERE_TRAFFIC_ENDS = Set.of(BindingStatus.ACTIVE, BindingStatus.FAILED,
            BindingStatus.EXPIRED, BindingStatus.REJECTED, BindingStatus.CANCELLED, BindingStatus.UNDER_REVIEW);

    @Autowired
    TrafficGenerator generator;
    @Autowired
    TestRestTemplate anonymous;

    @BeforeEach
    void bindingsOfEarlierTestsAreGone() {
        Assertions.assertThat(jdbc.queryForObject("select count(*) from binding", Integer.class)).isZero();
    }

    private List<Binding> all() {
        return jdbc.queryForList("select distinct user_id from binding", String.class).stream()
                .flatMap(user -> bindingService.listByUser(user).stream()).toList();
    }

    private static TrafficMix flawless(String persona, double wechatShare) {
        return new TrafficMix(wechatShare, Map.of(persona, 1.0), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void theDefaultMixPlaysEveryCustomerToAnEndOnBothChannels() {
        TrafficGenerator.Run run = generator.play(40, null, 7L);
        List<Binding> played = all();
        Assertions.assertThat(played).hasSize(40 - run.skipped());
        Assertions.assertThat(run.skipped()).isZero();
        Assertions.assertThat(played).extracting(Binding::channel).contains(Channel.JD_APP, Channel.WECHAT);
        Assertions.assertThat(played).extracting(Binding::status).allMatch(WHERE_TRAFFIC_ENDS::contains);
        Assertions.assertThat(played).extracting(Binding::userId).doesNotHaveDuplicates()
                .allMatch(u -> u.matches("demo-[a-z0-9-]+\\.c[0-9]+"));
        // the funnel it answers with counts exactly these bindings
        long started = run.funnel().channels().values().stream().mapToLong(BindingFunnel.ChannelFunnel::started).sum();
        Assertions.assertThat(started).isEqualTo(played.size());
        long active = played.stream().filter(b -> b.status() == BindingStatus.ACTIVE).count();
        Assertions.assertThat(run.funnel().channels().values().stream().mapToLong(f -> f.timeToActive().count()).sum())
                .isEqualTo(active);
        Assertions.assertThat(active).as("most customers succeed").isGreaterThan(played.size() / 2);
    }

    @Test
    void customersWhoDoEverythingRightAllBindInAboutFourAndAHalfMinutes() {
        TrafficGenerator.Run run = generator.play(20, flawless("demo-ok", 0.5), 11L);
        Assertions.assertThat(all()).hasSize(20).extracting(Binding::status).containsOnly(BindingStatus.ACTIVE);
        Assertions.assertThat(all()).filteredOn(b -> b.channel() == Channel.WECHAT)
                .isNotEmpty().extracting(b -> b.wechat().priority()).containsOnly(2);
        for (BindingFunnel.ChannelFunnel channel : run.funnel().channels().values()) {
            if (channel.started() > 0) {
                Assertions.assertThat(channel.successRate()).isEqualTo("1.0000");
                Assertions.assertThat(channel.timeToActive().medianSeconds())
                        .isBetween(new BigDecimal("180"), new BigDecimal("420"));
            }
        }
    }

    @Test
    void walletCustomersWithTheSwitchOffAllFailAtOnce() {
        generator.play(10, flawless("demo-3rdparty-off", 1.0), 3L);
        Assertions.assertThat(all()).hasSize(10).allSatisfy(b -> {
            Assertions.assertThat(b.channel()).isEqualTo(Channel.WECHAT);
            Assertions.assertThat(b.status()).isEqualTo(BindingStatus.FAILED);
            Assertions.assertThat(b.reasonCodes()).startsWith("THIRD_PARTY_AUTH_OFF");
        });
    }

    @Test
    void badRequestsAre400NamingTheField() {
        TestRestTemplate rest = anonymous.withBasicAuth("jd-app", "jd-app-secret");
        assertField(rest, "{\"bindings\":0}", "bindings");
        assertField(rest, "{\"bindings\":1001}", "bindings");
        assertField(rest, "{\"bindings\":5,\"mix\":{\"wrongCode\":1.5}}", "mix.wrongCode");
        assertField(rest, "{\"bindings\":5,\"mix\":{\"personas\":{\"nobody\":1}}}", "mix.personas.nobody");
        assertField(rest, "{\"bindings\":5,\"mix\":{\"personas\":{\"demo-ok\":0}}}", "mix.personas");
        Assertions.assertThat(all()).isEmpty();
    }

    private static void assertField(TestRestTemplate rest, String body, String field) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = rest.exchange("/sandbox/traffic", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Assertions.assertThat(r.getBody()).contains("\"field\":\"" + field + "\"");
    }
}
