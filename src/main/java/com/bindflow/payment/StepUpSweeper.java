package com.bindflow.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Declines step-ups left unanswered for 5 minutes (engine clock), every {@code bindflow.payments.step-up.sweep-interval},
 * on every node: one conditional UPDATE, so two nodes sweeping at once decline each row once. Reads and answers also
 * decline an expired step-up on the spot, so nobody sees a stale STEP_UP_REQUIRED between two sweeps.
 * Off when {@code bindflow.payments.step-up.sweep} is false (tests sweep themselves).
 */
@Component
@ConditionalOnProperty(name = "bindflow.payments.step-up.sweep", havingValue = "true", matchIfMissing = true)
public class StepUpSweeper {

    private static final Logger log = LoggerFactory.getLogger(StepUpSweeper.class);

    private final StepUps stepUps;

    public StepUpSweeper(StepUps stepUps) {
        this.stepUps = stepUps;
    }

    @Scheduled(initialDelayString = "${bindflow.payments.step-up.sweep-interval:PT30S}",
            fixedDelayString = "${bindflow.payments.step-up.sweep-interval:PT30S}")
    public void sweep() {
        try {
            int expired = stepUps.expireStepUps();
            if (expired > 0) {
                log.info("declined {} step-up(s) left unanswered (STEP_UP_EXPIRED)", expired);
            }
        } catch (RuntimeException e) {
            log.warn("the step-up expiry sweep failed (the next one continues): {}", e.toString());
        }
    }
}
