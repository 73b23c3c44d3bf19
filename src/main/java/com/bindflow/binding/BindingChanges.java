package com.bindflow.binding;

import com.bindflow.shared.ChangeSignals;
import org.springframework.stereotype.Component;

/**
 * What the binding's answer shows changes (its row, its timeline, its SMS codes): the requests waiting for that
 * binding to change ({@code GET /api/bindings/{id}?waitSeconds=…}) on this node look again once the transaction commits.
 */
@Component
public class BindingChanges {

    private final ChangeSignals signals;

    public BindingChanges(ChangeSignals signals) {
        this.signals = signals;
    }

    /** The signal key of a binding. */
    static String key(String bindingId) {
        return "binding:" + bindingId;
    }

    public void changed(String bindingId) {
        signals.changed(key(bindingId));
    }
}
