package com.bindflow.binding;

import com.bindflow.shared.ApiProblem;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The binding's step API, for the steps of the binding and only for them (the packages under {@code binding}:
 * SMS code, face, WeChat; ArchitectureTest keeps it so): find or lock a binding, lock it in the status a step needs,
 * write what a step adds to the record, and deliver the step to the binding's process. Every step runs these inside its
 * own transaction: the row lock, the status check, the record write and the message correlation commit together, and a
 * refused step changes nothing.
 */
@Component
public class BindingSteps {

    private final BindingRepository bindings;
    private final RuntimeService runtime;

    public BindingSteps(BindingRepository bindings, RuntimeService runtime) {
        this.bindings = bindings;
        this.runtime = runtime;
    }

    public Optional<Binding> find(String id) {
        return bindings.find(id);
    }

    /** Reads the binding and locks its row until the transaction ends. Call inside a transaction. */
    public Optional<Binding> lock(String id) {
        return bindings.lock(id);
    }

    /**
     * Locks the binding's row for the rest of the transaction and checks it is in the status a step needs: a 404 for an
     * unknown binding, a 409 {@code WRONG_STATUS} otherwise. Call inside a transaction.
     */
    public Binding lockInStatus(String id, BindingStatus expected) {
        return requireStatus(id, bindings.lock(id), expected);
    }

    /**
     * Reads the binding, without a lock, and checks it is in the status a step needs (as {@link #lockInStatus}): for a
     * step that asks an outside system before it takes the lock, and checks again under it.
     */
    public Binding findInStatus(String id, BindingStatus expected) {
        return requireStatus(id, bindings.find(id), expected);
    }

    private static Binding requireStatus(String id, Optional<Binding> found, BindingStatus expected) {
        Binding binding = found.orElseThrow(() -> notFound(id));
        if (binding.status() != expected) {
            throw ApiProblem.conflict("WRONG_STATUS", "Binding " + id + " is " + binding.status()
                    + "; this step needs " + expected + ".").with("currentStatus", binding.status().name());
        }
        return binding;
    }

    /** Delivers a customer step to the binding's process; a process that does not wait for it is a 409. */
    public void correlate(Binding binding, String message, Map<String, Object> variables) {
        try {
            deliver(binding.id(), message, variables);
        } catch (MismatchingMessageCorrelationException e) {
            throw ApiProblem.conflict("STEP_NOT_EXPECTED", "Binding " + binding.id() + " is not waiting for this step now ("
                    + message + "); retry in a moment.").with("currentStatus", binding.status().name());
        }
    }

    /**
     * Delivers a message to the process instance of the binding that waits for it (the binding's own, or one it called
     * with the binding's business key, such as the SMS-code step). Throws {@link MismatchingMessageCorrelationException}
     * when none waits for it (yet): an outside system's event is then retried later.
     */
    public void deliver(String bindingId, String message, Map<String, Object> variables) {
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(bindingId)
                .setVariables(variables).correlateWithResult();
    }

    // ---- what the steps add to the record ---------------------------------------------------------------------------

    /** Step 4 (JD app): our contract code and the page WeChat shows the customer (null for the wallet entry). */
    public void recordAuthorizationRequest(String id, String contractCode, String authorizationUrl) {
        bindings.recordAuthorizationRequest(id, contractCode, authorizationUrl);
    }

    /** Step 4: WeChat's contract and Baitiao's place among the customer's WeChat payment methods. */
    public void recordAuthorization(String id, String contractId, Integer priority) {
        bindings.recordAuthorization(id, contractId, priority);
    }

    /** Step 5b: how many face attempts the customer has made. */
    public void recordFaceAttempts(String id, int attempts) {
        bindings.recordFaceAttempts(id, attempts);
    }

    static ApiProblem notFound(String id) {
        return ApiProblem.notFound("BINDING_NOT_FOUND", "No binding " + id + ".");
    }
}
