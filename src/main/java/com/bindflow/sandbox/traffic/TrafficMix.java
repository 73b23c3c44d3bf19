package com.bindflow.sandbox.traffic;

import com.bindflow.shared.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the traffic generator plays: the share of customers who start in the WeChat wallet, who they are (demo persona
 * weights: each customer looks like one persona), and how often a customer stumbles at each step. Every field is
 * optional; a missing one takes its default ({@link #DEFAULT}). Probabilities are per binding, 0 to 1.
 *
 * <p>The defaults: 20% of customers have WeChat's third-party authorization switch off (demo-3rdparty-off), 9% are not
 * eligible, 3% go to manual review; stumbles as listed. With 40% wallet entries this makes the wallet entry's success
 * rate about 18% lower than the JD app's, as the seed reports, for the seed's main reason (the switch).
 */
public record TrafficMix(Double wechatShare, Map<String, Double> personas, Double abandonAgreement, Double abandonOtp,
                         Double codeExpires, Double wrongCode, Double declineAuthorization, Double abandonAuthorization,
                         Double poorLighting, Double faceFails, Double cancel) {

    public static final TrafficMix DEFAULT = new TrafficMix(0.4, defaultPersonas(), 0.04, 0.03, 0.05, 0.10, 0.02, 0.03,
            0.15, 0.02, 0.01);

    private static Map<String, Double> defaultPersonas() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("demo-ok", 0.68);
        weights.put("demo-3rdparty-off", 0.20);
        weights.put("demo-cashout", 0.03);
        weights.put("demo-overdue", 0.02);
        weights.put("demo-class2", 0.02);
        weights.put("demo-abnormal", 0.01);
        weights.put("demo-id-mismatch", 0.01);
        weights.put("demo-no-card", 0.01);
        weights.put("demo-wechat-off", 0.01);
        weights.put("demo-enterprise", 0.01);
        return weights;
    }

    /** This mix with the defaults where it says nothing, checked: 400 naming the field otherwise. */
    public TrafficMix complete(Predicate<String> knownPersona) {
        TrafficMix d = DEFAULT;
        TrafficMix m = new TrafficMix(or(wechatShare, d.wechatShare), personas == null || personas.isEmpty() ? d.personas : personas,
                or(abandonAgreement, d.abandonAgreement), or(abandonOtp, d.abandonOtp), or(codeExpires, d.codeExpires),
                or(wrongCode, d.wrongCode), or(declineAuthorization, d.declineAuthorization),
                or(abandonAuthorization, d.abandonAuthorization), or(poorLighting, d.poorLighting), or(faceFails, d.faceFails),
                or(cancel, d.cancel));
        probability("mix.wechatShare", m.wechatShare);
        probability("mix.abandonAgreement", m.abandonAgreement);
        probability("mix.abandonOtp", m.abandonOtp);
        probability("mix.codeExpires", m.codeExpires);
        probability("mix.wrongCode", m.wrongCode);
        probability("mix.declineAuthorization", m.declineAuthorization);
        probability("mix.abandonAuthorization", m.abandonAuthorization);
        probability("mix.poorLighting", m.poorLighting);
        probability("mix.faceFails", m.faceFails);
        probability("mix.cancel", m.cancel);
        double total = 0;
        for (Map.Entry<String, Double> weight : m.personas.entrySet()) {
            String field = "mix.personas." + weight.getKey();
            if (!knownPersona.test(weight.getKey())) {
                throw ApiProblem.badRequest(field, "No demo persona " + weight.getKey() + ".");
            }
            if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue().isNaN()) {
                throw ApiProblem.badRequest(field, "A persona's weight is a number of 0 or more.");
            }
            total += weight.getValue();
        }
        if (total <= 0) {
            throw ApiProblem.badRequest("mix.personas", "At least one persona needs a weight above 0.");
        }
        return m;
    }

    private static double or(Double value, Double fallback) {
        return value == null ? fallback : value;
    }

    private static void probability(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw ApiProblem.badRequest(field, field + " is a probability: 0 to 1.");
        }
    }
}
