package com.bindflow.freeze;

/**
 * A freeze was just recorded, published in the transaction that recorded it (listeners run in it and commit or roll
 * back with it): what follows a freeze, e.g. the Unfreeze review of a RISK freeze, listens for this.
 */
public record CreditLineFrozen(CreditLineFreeze freeze) {
}
