package com.bindflow.unfreeze;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Unfreeze review ({@code bindflow.unfreeze.*}).
 *
 * @param reviewSla   a submitted travel proof is due for a decision this long after submission (SPEC: 12 hours on
 *                    average, the SLA target); then the review escalates to the risk supervisors
 * @param proofWindow how long a case waits for a (new) proof, from the freeze or from a rejection, before it closes
 *                    with the credit line still frozen
 */
@ConfigurationProperties("bindflow.unfreeze")
public record UnfreezeProperties(@DefaultValue("PT12H") Duration reviewSla, @DefaultValue("P30D") Duration proofWindow) {
}
