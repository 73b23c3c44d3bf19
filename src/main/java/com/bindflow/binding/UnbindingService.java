package com.bindflow.binding;

import com.bindflow.shared.ApiProblem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends an ACTIVE binding from either side: the customer unbinds in the JD app (DELETE), or ends the authorization in
 * the WeChat wallet (WeChat's CONTRACT.TERMINATED notification). Both are idempotent and safe when they cross: under
 * the binding's row lock the first moves it to UNBINDING and starts process Unbinding; the other finds it unbinding
 * (or unbound) and changes nothing. After UNBOUND the customer may bind again.
 */
@Service
public class UnbindingService {

    public enum Side { JD_APP, WECHAT }

    private final BindingRepository bindings;
    private final RuntimeService runtime;
    private final Clock clock;
    private final TransactionTemplate tx;

    public UnbindingService(BindingRepository bindings, RuntimeService runtime, Clock clock,
                            PlatformTransactionManager transactionManager) {
        this.bindings = bindings;
        this.runtime = runtime;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** Returns the binding as it is after the request: UNBINDING (or already UNBOUND). */
    public Binding unbind(String id, Side side) {
        return tx.execute(status -> {
            Binding binding = bindings.lock(id).orElseThrow(() -> ApiProblem.notFound("BINDING_NOT_FOUND", "No binding " + id + "."));
            if (binding.status() == BindingStatus.UNBINDING || binding.status() == BindingStatus.UNBOUND) {
                return binding;
            }
            if (binding.status() != BindingStatus.ACTIVE) {
                throw ApiProblem.conflict("WRONG_STATUS", "Binding " + id + " is " + binding.status() + ", not ACTIVE: "
                        + (binding.status().ended() ? "there is nothing to unbind." : "cancel it instead."))
                        .with("currentStatus", binding.status().name());
            }
            ReasonCode reason = side == Side.JD_APP ? ReasonCode.UNBOUND_IN_JD_APP : ReasonCode.UNBOUND_IN_WECHAT;
            bindings.changeStatus(id, BindingStatus.UNBINDING, List.of(reason.name()), reason.message(), clock.instant());
            runtime.startProcessInstanceByKey(UnbindingProcess.PROCESS_ID, id, Map.of(
                    BindingProcess.VAR_BINDING_ID, id,
                    BindingProcess.VAR_USER_ID, binding.userId(),
                    UnbindingProcess.VAR_UNBIND_REASON, reason.name()));
            return bindings.find(id).orElseThrow();
        });
    }
}
