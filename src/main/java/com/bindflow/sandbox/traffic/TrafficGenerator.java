package com.bindflow.sandbox.traffic;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProperties;
import com.bindflow.binding.BindingService;
import com.bindflow.binding.face.FaceVerificationService;
import com.bindflow.binding.otp.OtpService;
import com.bindflow.channel.Channel;
import com.bindflow.reports.BindingFunnel;
import com.bindflow.reports.BindingFunnelService;
import com.bindflow.reports.ReportPeriod;
import com.bindflow.sandbox.PersonaDirectory;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.sandbox.clock.TestClock;
import com.bindflow.sandbox.verification.SandboxSmsGateway;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.shared.ApiProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Sandbox only: plays {@code n} customers binding Baitiao, from the JD app or the WeChat wallet, step by step with
 * realistic pauses on the test clock (a customer takes about 4.5 minutes, as in the seed) and realistic stumbles
 * ({@link TrafficMix}), so that Cockpit, Tasklist and the binding funnel show a living system. A discrete-event
 * simulation: every customer's next step is an event at a moment of the test clock; the clock moves from event to event
 * and whatever falls due on the way (jobs, timers, WeChat's notifications) runs. Each customer is a look-alike of a
 * demo persona ({@code demo-ok.c17}), so that many bind at once. Given a seed, the same traffic on a fresh database
 * gives the same figures.
 *
 * <p>At the end the clock moves one more hour, so that customers who walked away expire; bindings waiting for a
 * reviewer stay in Tasklist.
 */
@Service
@SandboxOnly
public class TrafficGenerator {

    public static final String CLIENT_ID = "sandbox-traffic";
    public static final int MAX_BINDINGS = 1000;
    /** The moment after the last step when the traffic is over: every customer's timeout has passed. */
    static final Duration SETTLE = Duration.ofHours(1);
    private static final int MAX_STEPS_PER_CUSTOMER = 60;

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

    private final BindingService bindings;
    private final OtpService otp;
    private final SandboxSmsGateway sms;
    private final FaceVerificationService faces;
    private final SandboxWeChatPay wechat;
    private final PersonaDirectory personas;
    private final TestClock testClock;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final BindingFunnelService funnel;
    private final BindingProperties bindingProperties;

    public TrafficGenerator(BindingProperties bindingProperties, BindingService bindings, OtpService otp, SandboxSmsGateway sms, FaceVerificationService faces,
                            SandboxWeChatPay wechat, PersonaDirectory personas, TestClock testClock, Clock clock,
                            JdbcTemplate jdbc, BindingFunnelService funnel) {
        this.bindingProperties = bindingProperties;
        this.bindings = bindings;
        this.otp = otp;
        this.sms = sms;
        this.faces = faces;
        this.wechat = wechat;
        this.personas = personas;
        this.testClock = testClock;
        this.clock = clock;
        this.jdbc = jdbc;
        this.funnel = funnel;
    }

    public record Run(int bindings, long seed, TrafficMix mix, Instant from, Instant to, int skipped, BindingFunnel funnel) {
    }

    /** Plays the traffic to its end and answers with the binding funnel of the period it covered. */
    public Run play(Integer count, TrafficMix requested, Long seed) {
        if (count == null || count < 1 || count > MAX_BINDINGS) {
            throw ApiProblem.badRequest("bindings", "bindings is the number of customers to play: 1 to " + MAX_BINDINGS + ".");
        }
        TrafficMix mix = (requested == null ? TrafficMix.DEFAULT : requested).complete(p -> personas.find(p).isPresent());
        long usedSeed = seed == null ? new Random().nextLong() : seed;
        Random random = new Random(usedSeed);
        Instant from = clock.instant();
        int firstNumber = jdbc.queryForObject("select count(*) from binding", Integer.class) + 1;

        PriorityQueue<Customer> due = new PriorityQueue<>();
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // a new customer about every 20 seconds
            Instant arrives = from.plusMillis((long) (random.nextDouble() * count * 20_000));
            Customer c = new Customer(i, PersonaDirectory.lookAlike(pick(mix.personas(), random), firstNumber + i),
                    random.nextDouble() < mix.wechatShare() ? Channel.WECHAT : Channel.JD_APP, Plan.draw(mix, random),
                    random.nextLong(), arrives);
            customers.add(c);
            due.add(c);
        }
        while (!due.isEmpty()) {
            Customer c = due.poll();
            moveClockTo(c.next);
            Duration pause = step(c);
            if (pause != null && ++c.steps < MAX_STEPS_PER_CUSTOMER) {
                c.next = c.next.plus(pause);
                due.add(c);
            }
        }
        testClock.advance(SETTLE);
        Instant to = clock.instant();
        int skipped = (int) customers.stream().filter(c -> c.skipped).count();
        log.info("sandbox traffic: {} customers played from {} to {} (seed {}, {} skipped)", count, from, to, usedSeed, skipped);
        return new Run(count, usedSeed, mix, from, to, skipped,
                funnel.funnel(new ReportPeriod(from, to, ZoneId.of("Asia/Shanghai"))));
    }

    private void moveClockTo(Instant moment) {
        Duration ahead = Duration.between(clock.instant(), moment);
        if (ahead.isNegative() || ahead.isZero()) {
            testClock.runDue();
        } else {
            testClock.advance(ahead);
        }
    }

    private static String pick(Map<String, Double> weights, Random random) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double r = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            last = w.getKey();
            r -= w.getValue();
            if (r < 0) {
                return last;
            }
        }
        return last;
    }

    /** What this customer will do wrong, drawn once when the customer arrives. */
    record Plan(boolean abandonAgreement, boolean cancel, boolean abandonOtp, boolean codeExpires, boolean wrongCode,
                boolean declineAuthorization, boolean abandonAuthorization, boolean poorLighting, boolean faceFails) {

        static Plan draw(TrafficMix m, Random r) {
            return new Plan(r.nextDouble() < m.abandonAgreement(), r.nextDouble() < m.cancel(), r.nextDouble() < m.abandonOtp(),
                    r.nextDouble() < m.codeExpires(), r.nextDouble() < m.wrongCode(), r.nextDouble() < m.declineAuthorization(),
                    r.nextDouble() < m.abandonAuthorization(), r.nextDouble() < m.poorLighting(), r.nextDouble() < m.faceFails());
        }
    }

    /** One customer: who, where from, what they will do wrong, where they are, and when they act next. */
    static final class Customer implements Comparable<Customer> {
        final int index;
        final String userId;
        final Channel channel;
        final Plan plan;
        final Random random;
        Instant next;
        String bindingId;
        String walletRequest;
        boolean codeRequested;
        boolean codeLetExpire;
        boolean wrongCodeEntered;
        boolean poorLightingTried;
        boolean skipped;
        int steps;

        Customer(int index, String userId, Channel channel, Plan plan, long seed, Instant next) {
            this.index = index;
            this.userId = userId;
            this.channel = channel;
            this.plan = plan;
            this.random = new Random(seed);
            this.next = next;
        }

        @Override
        public int compareTo(Customer o) {
            int byTime = next.compareTo(o.next);
            return byTime != 0 ? byTime : Integer.compare(index, o.index);
        }

        /** A human pause between {@code min} and {@code max} seconds. */
        Duration pause(int min, int max) {
            return Duration.ofMillis(1000L * min + (long) (random.nextDouble() * 1000 * (max - min)));
        }
    }

    private static final Duration POLL = Duration.ofSeconds(5);

    /** The customer's next move, by where the binding stands; the pause until the one after, or null when done. */
    private Duration step(Customer c) {
        try {
            if (c.bindingId == null) {
                return start(c);
            }
            Binding binding = bindings.get(c.bindingId);
            return switch (binding.status()) {
                case CHECKING_ELIGIBILITY, VERIFYING_PAYMENT, UNDOING, UNBINDING -> POLL;
                case AWAITING_AGREEMENT -> agreement(c);
                case AWAITING_OTP -> smsCode(c);
                case AWAITING_WECHAT_AUTHORIZATION -> authorization(c, binding);
                case AWAITING_PREFERENCES -> {
                    BigDecimal cap = c.random.nextDouble() < 0.3 ? new BigDecimal("2000.00") : null;
                    bindings.setPreferences(c.bindingId, cap);
                    yield c.pause(20, 70);
                }
                case AWAITING_FACE_VERIFICATION -> face(c);
                // a reviewer decides in Tasklist; every other status is the end of this customer's story
                default -> null;
            };
        } catch (ApiProblem refused) {
            // the binding moved on meanwhile (a timeout fired): look again
            log.debug("sandbox traffic: {} was refused: {}", c.userId, refused.getMessage());
            return POLL;
        } catch (RuntimeException broken) {
            // one customer's trouble (e.g. an outside-system fault of its persona) ends that customer, not the traffic
            log.warn("sandbox traffic: customer {} stops: {}", c.userId, broken.toString());
            return null;
        }
    }

    private Duration start(Customer c) {
        if (c.channel == Channel.JD_APP) {
            try {
                c.bindingId = bindings.create(CLIENT_ID, c.userId + "-" + c.index,
                        new BindingService.CreateBinding(c.userId, Channel.JD_APP)).binding().id();
            } catch (ApiProblem busy) {
                c.skipped = true;   // this look-alike customer has a binding in progress already
                return null;
            }
            return c.pause(40, 120);   // reading the service agreement
        }
        if (c.walletRequest == null) {
            c.walletRequest = wechat.customerRequestsBinding(c.userId).requestId();   // WeChat notifies us
            return POLL;
        }
        List<Binding> mine = bindings.listByUser(c.userId);
        if (mine.isEmpty()) {
            // not started yet, or refused at once (this customer has a binding in progress)
            c.skipped = !"PENDING".equals(wechat.bindRequest(c.walletRequest).orElseThrow().state());
            return c.skipped ? null : POLL;
        }
        c.bindingId = mine.get(0).id();
        return c.pause(40, 120);
    }

    private Duration agreement(Customer c) {
        if (c.plan.abandonAgreement()) {
            return null;
        }
        if (c.plan.cancel()) {
            bindings.cancel(c.bindingId);
            return null;
        }
        bindings.acceptAgreement(c.bindingId, bindingProperties.agreementVersion());
        return c.pause(5, 15);
    }

    private Duration smsCode(Customer c) {
        if (!c.codeRequested) {
            if (c.plan.abandonOtp()) {
                return null;
            }
            otp.requestCode(c.bindingId);
            c.codeRequested = true;
            return c.pause(20, 60);   // the SMS arrives, the customer types it
        }
        if (c.plan.codeExpires() && !c.codeLetExpire) {
            c.codeLetExpire = true;   // distracted: the code runs out, then a new one is asked for
            c.codeRequested = false;
            return Duration.ofMinutes(5).plus(c.pause(5, 60));
        }
        String code = sms.lastSentTo(c.userId).orElseThrow().code();
        if (c.plan.wrongCode() && !c.wrongCodeEntered) {
            c.wrongCodeEntered = true;
            otp.enterCode(c.bindingId, code.equals("000000") ? "111111" : "000000");
            return c.pause(10, 25);
        }
        otp.enterCode(c.bindingId, code);
        return c.pause(30, 90);   // WeChat's authorization page (JD app) or our grant (wallet)
    }

    private Duration authorization(Customer c, Binding binding) {
        if (c.channel == Channel.WECHAT || binding.wechat().authorizationUrl() == null) {
            return POLL;   // the wallet entry: our grant job; the JD app: the page is on its way
        }
        SandboxWeChatPay.Contract contract = wechat.authorizationOfBinding(c.bindingId).orElse(null);
        if (contract == null || contract.state() != SandboxWeChatPay.ContractState.PENDING) {
            return contract == null ? POLL : null;
        }
        SandboxWeChatPay.CustomerAction action = c.plan.declineAuthorization() ? SandboxWeChatPay.CustomerAction.DECLINE
                : c.plan.abandonAuthorization() ? SandboxWeChatPay.CustomerAction.ABANDON : SandboxWeChatPay.CustomerAction.APPROVE;
        wechat.customerActs(c.bindingId, action, action == SandboxWeChatPay.CustomerAction.APPROVE ? 1 + c.random.nextInt(3) : null);
        return action == SandboxWeChatPay.CustomerAction.APPROVE ? c.pause(10, 30) : null;
    }

    private Duration face(Customer c) {
        boolean dark = c.plan.faceFails() || (c.plan.poorLighting() && !c.poorLightingTried);
        c.poorLightingTried = true;
        faces.verify(c.bindingId, dark ? "poor-lighting" : "pass");
        return c.pause(20, 50);
    }
}
