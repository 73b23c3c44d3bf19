package com.bindflow.binding;

import com.bindflow.payment.CustomerBindings;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The binding side of the payments' {@link CustomerBindings} port: the customer's open binding, as payments see it. */
@Component
public class BindingsForPayments implements CustomerBindings {

    private final BindingRepository bindings;

    public BindingsForPayments(BindingRepository bindings) {
        this.bindings = bindings;
    }

    @Override
    public Optional<CustomerBinding> openBindingOf(String userId) {
        return bindings.findOpenByUser(userId).map(b -> new CustomerBinding(b.id(), b.status().name(),
                b.wechat().activatedAt(), b.wechat().perTransactionCap()));
    }
}
