package com.bindflow.binding;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.bindflow.shared.ApiProblem;
import com.bindflow.support.ProcessTestSupport;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.sandbox.wechat.SandboxWeChatPay.ContractState;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Process Unbinding: an ACTIVE binding ends UNBOUND from the JD app or from the WeChat wallet, crossing safely. */
class UnbindingProcessTest extends ProcessTestSupport {

    @Autowired
    UnbindingService unbinding;
    @Autowired
    SandboxWeChatPay wechat;

    private ProcessInstance unbindingInstance(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnbindingProcess.PROCESS_ID)
                .processInstanceBusinessKey(id).singleResult();
    }

    private ContractState contract(String id) {
        return wechat.contract(Binding.contractCodeOf(id)).orElseThrow().state();
    }

    @Test
    void unbindingInTheJdAppRevokesTheAuthorization() {
        String id = activeBinding("demo-ok");
        Binding unbinding1 = unbinding.unbind(id, UnbindingService.Side.JD_APP);
        Assertions.assertThat(unbinding1.status()).isEqualTo(BindingStatus.UNBINDING);
        ProcessInstance process = unbindingInstance(id);
        assertThat(process).isWaitingAt(UnbindingProcess.TASK_REVOKE_AUTHORIZATION);
        Assertions.assertThat(contract(id)).isEqualTo(ContractState.AUTHORIZED);

        runJobs();
        Binding unbound = binding(id);
        Assertions.assertThat(unbound.status()).isEqualTo(BindingStatus.UNBOUND);
        Assertions.assertThat(unbound.reasonCodes()).containsExactly("UNBOUND_IN_JD_APP");
        Assertions.assertThat(contract(id)).isEqualTo(ContractState.TERMINATED);
        assertThat(process).isEnded().hasPassed(UnbindingProcess.END_EVENT_UNBOUND);
        Assertions.assertThat(bindingRepository.openBindingOf("demo-ok")).isEmpty();
    }

    @Test
    void endingTheAuthorizationInTheWeChatWalletUnbinds() {
        String id = activeBinding("demo-ok");
        wechat.customerTerminates(id);
        runJobs();
        Assertions.assertThat(binding(id).status()).isEqualTo(BindingStatus.UNBOUND);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("UNBOUND_IN_WECHAT");
    }

    @Test
    void unbindingTwiceOrFromBothSidesAtOnceUnbindsOnce() {
        String id = activeBinding("demo-ok");
        unbinding.unbind(id, UnbindingService.Side.JD_APP);
        Assertions.assertThat(unbinding.unbind(id, UnbindingService.Side.JD_APP).status()).isEqualTo(BindingStatus.UNBINDING);
        wechat.customerTerminates(id);          // crosses the JD-side unbind: WeChat's notification arrives meanwhile
        runJobs();
        Assertions.assertThat(binding(id).status()).isEqualTo(BindingStatus.UNBOUND);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("UNBOUND_IN_JD_APP");
        Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(UnbindingProcess.PROCESS_ID).processInstanceBusinessKey(id).count()).isEqualTo(1);
        Assertions.assertThat(unbinding.unbind(id, UnbindingService.Side.JD_APP).status()).isEqualTo(BindingStatus.UNBOUND);
    }

    @Test
    void aWeChatTerminationFirstThenTheJdUnbindCrossing() {
        String id = activeBinding("demo-ok");
        wechat.customerTerminates(id);
        wechatNotifier.awaitDeliveries(java.time.Duration.ofSeconds(30));
        wechatInbox.processPending();           // WeChat's side started the unbinding
        Assertions.assertThat(unbinding.unbind(id, UnbindingService.Side.JD_APP).status()).isEqualTo(BindingStatus.UNBINDING);
        runJobs();
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("UNBOUND_IN_WECHAT");
    }

    @Test
    void afterUnbindingTheCustomerMayBindAgain() {
        String first = activeBinding("demo-ok");
        Assertions.assertThatThrownBy(() -> startBinding("demo-ok")).isInstanceOf(ApiProblem.class);
        unbinding.unbind(first, UnbindingService.Side.JD_APP);
        runJobs();
        String second = activeBinding("demo-ok");
        Assertions.assertThat(second).isNotEqualTo(first);
        Assertions.assertThat(binding(second).status()).isEqualTo(BindingStatus.ACTIVE);
    }

    @Test
    void onlyAnActiveBindingCanBeUnbound() {
        String id = startBinding("demo-ok").id();
        runJobs();
        Assertions.assertThatThrownBy(() -> unbinding.unbind(id, UnbindingService.Side.JD_APP)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("cancel it instead");
        Assertions.assertThat(binding(id).status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
    }

    @Test
    void aWeChatFailureWhileRevokingIsRetriedThenAnIncident() {
        String id = activeBinding("demo-wechat-down");
        unbinding.unbind(id, UnbindingService.Side.JD_APP);
        for (int attempt = 0; attempt < 3; attempt++) {
            runJobs();
            setClock(now().plusSeconds(10));
        }
        runJobs();
        Assertions.assertThat(binding(id).status()).isEqualTo(BindingStatus.UNBINDING);
        Assertions.assertThat(engine.getRuntimeService().createIncidentQuery()
                .activityId(UnbindingProcess.TASK_REVOKE_AUTHORIZATION).count()).isEqualTo(1);
    }
}
