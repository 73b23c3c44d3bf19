package com.bindflow.fees;

import com.bindflow.shared.DmnDecisions;

/** The default rate card exactly as deployed: processes/fee-rate-card.dmn evaluated by a bare DMN engine. */
final class DefaultRateCard {

    static final RateCard CARD = new DmnRateCard(DmnDecisions.fromClasspath(DmnRateCard.RESOURCE));

    private DefaultRateCard() {
    }
}
