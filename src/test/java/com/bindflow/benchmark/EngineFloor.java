package com.bindflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.bindflow.shared.ChangeSignals;
import com.bindflow.shared.LongPoll;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The engine's floor for a binding (benchmarks only): the processes a binding runs through (Binding and the processes
 * it calls) with the same wait states, async boundaries, timers, call activities, event sub-processes and message
 * steps, but every delegate a no-op and without bindflow's listeners (the binding's status row), derived from
 * {@code processes/*.bpmn} when the benchmark starts, so they can never drift apart (written to
 * {@code target/engine-floor/} to look at). The floor's steps are served over REST like bindflow's, under
 * {@code /sandbox/floor/bindings} (the same API-client check), each step the same engine call as bindflow's:
 * start, correlate a message by business key with the same variables, and a poll that reads the engine. The poll may
 * wait like bindflow's ({@code waitSeconds}, {@link LongPoll}): woken on the commit of any step of the binding's
 * processes (an execution listener on every activity of the floor's processes, added when they are parsed: the engine's
 * cheapest way to tell), and looking again every {@code bindflow.api.long-poll.recheck} as bindflow's does.
 */
final class EngineFloor {

    static final String PROCESS = "BindingFloor";
    private static final List<String> MODELS = List.of("Binding", "EligibilityCheck", "OtpVerification", "BindingUndo");
    private static final Pattern LISTENER = Pattern.compile(
            "\\s*<camunda:(?:executionListener|taskListener)[^>]*(?:bindingStatus|reviewDecisionCheck)[^>]*/>");
    private static final Pattern DIAGRAM = Pattern.compile("\\s*<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>", Pattern.DOTALL);

    private EngineFloor() {
    }

    /** Registers the floor's REST steps, and its commits' signals, in the application to be started. */
    static ApplicationContextInitializer<GenericApplicationContext> routes() {
        return context -> {
            context.registerBean("engineFloorRoutes", RouterFunction.class,
                    () -> routes(context.getBean(RuntimeService.class), context.getBean(LongPoll.class)));
            context.registerBean("engineFloorSignals", ProcessEnginePlugin.class,
                    () -> signals(context.getBean(ChangeSignals.class)));
        };
    }

    /** A plugin that signals a floor binding's business key whenever one of its activities starts or ends (after commit). */
    private static ProcessEnginePlugin signals(ChangeSignals signals) {
        ExecutionListener changed = execution -> {
            String key = execution.getProcessBusinessKey();
            if (key != null) {
                signals.changed("floor:" + key);
            }
        };
        BpmnParseListener listener = new AbstractBpmnParseListener() {
            @Override
            public void parseRootElement(Element root, List<ProcessDefinitionEntity> definitions) {
                for (ProcessDefinitionEntity definition : definitions) {
                    if (definition.getKey().endsWith("Floor")) {
                        definition.addListener(ExecutionListener.EVENTNAME_END, changed);
                        listen(definition.getActivities(), changed);
                    }
                }
            }
        };
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
                parseListeners.add(listener);
                configuration.setCustomPostBPMNParseListeners(parseListeners);
            }
        };
    }

    private static void listen(List<ActivityImpl> activities, ExecutionListener listener) {
        for (ActivityImpl activity : activities) {
            activity.addListener(ExecutionListener.EVENTNAME_START, listener);
            activity.addListener(ExecutionListener.EVENTNAME_END, listener);
            listen(activity.getActivities(), listener);
        }
    }

    /** Deploys the floor's models (unchanged ones again are no new version). */
    static void deploy(ProcessEngine engine) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("engine-floor")
                .enableDuplicateFiltering(false);
        for (String model : MODELS) {
            String xml = floor(read(model));
            deployment.addString(model + "Floor.bpmn", xml);
            write(model + "Floor.bpmn", xml);
        }
        deployment.deploy();
    }

    /** A model with its process ids renamed (X → XFloor), no-op delegates, no bindflow listeners, fixed timeouts. */
    static String floor(String xml) {
        String floor = DIAGRAM.matcher(xml).replaceAll("");
        floor = LISTENER.matcher(floor).replaceAll("");
        for (String model : MODELS) {
            floor = floor.replace("<bpmn:process id=\"" + model + "\"", "<bpmn:process id=\"" + model + "Floor\"")
                    .replace("calledElement=\"" + model + "\"", "calledElement=\"" + model + "Floor\"");
        }
        floor = floor.replaceAll("camunda:delegateExpression=\"\\$\\{\\w+}\"",
                Matcher.quoteReplacement("camunda:class=\"" + NoOp.class.getName() + "\""));
        floor = floor.replaceAll("\\$\\{bindingTimeouts\\.\\w+}", "PT30M");
        floor = floor.replaceAll("camunda:formRef=\"\\w+\" camunda:formRefBinding=\"latest\" ", "");
        if (floor.contains("${bindingStatus") || floor.contains("delegateExpression")) {
            throw new IllegalStateException("the floor still calls bindflow: " + floor);
        }
        return floor;
    }

    private static String read(String model) {
        try {
            return Files.readString(Path.of("processes", model + ".bpmn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String xml) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "engine-floor"));
            Files.writeString(dir.resolve(name), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every service task of the floor: does nothing but set what the next gateway or timer reads (what bindflow's
     * delegate of that task decides).
     */
    public static class NoOp implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            switch (execution.getCurrentActivityId()) {
                case "Task_DecideEligibility" -> execution.setVariable("eligibilityVerdict", "ELIGIBLE");
                case "Task_QueryWeChatAuthorization", "Task_GrantWeChatRequest" ->
                        execution.setVariable("authorizationStatus", "AUTHORIZED");
                default -> {
                }
            }
        }
    }

    // ---- the REST steps -------------------------------------------------------------------------------------------

    private static RouterFunction<ServerResponse> routes(RuntimeService runtime, LongPoll longPoll) {
        return RouterFunctions.route()
                .POST("/sandbox/floor/bindings", request -> {
                    String id = UUID.randomUUID().toString();
                    String user = request.body(Map.class).get("userId").toString();
                    runtime.startProcessInstanceByKey(PROCESS, id, Map.of("bindingId", id, "userId", user,
                            "channel", "JD_APP", "wechatRequested", false));
                    return ServerResponse.status(201).contentType(MediaType.APPLICATION_JSON).body(Map.of("id", id));
                })
                // ready when an instance of the binding (its own or one it called) waits for the message, or (END) ended
                .GET("/sandbox/floor/bindings/{id}", request -> {
                    String id = request.pathVariable("id");
                    String awaiting = request.param("awaiting").orElse("END");
                    Optional<Duration> wait = LongPoll.waitParameter("waitSeconds", request.param("waitSeconds").orElse(null));
                    Supplier<Optional<ServerResponse>> check = () -> ready(runtime, id, awaiting) ? Optional.of(ready(true)) : Optional.empty();
                    Optional<ServerResponse> now = check.get();
                    if (now.isPresent() || wait.isEmpty()) {
                        return now.orElseGet(() -> ready(false));
                    }
                    Optional<DeferredResult<ServerResponse>> waiting = longPoll.await("floor:" + id, wait.get(), check, () -> ready(false));
                    if (waiting.isEmpty()) {
                        return ready(false);
                    }
                    CompletableFuture<ServerResponse> answer = new CompletableFuture<>();
                    waiting.get().setResultHandler(result -> {
                        if (result instanceof Throwable failure) {
                            answer.completeExceptionally(failure);
                        } else {
                            answer.complete((ServerResponse) result);
                        }
                    });
                    return ServerResponse.async(answer);
                })
                .POST("/sandbox/floor/bindings/{id}/{message}", request -> {
                    String message = request.pathVariable("message");
                    runtime.createMessageCorrelation(message).processInstanceBusinessKey(request.pathVariable("id"))
                            .setVariables(variables(message)).correlateWithResult();
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("ready", true));
                })
                .build();
    }

    /** Ready when an instance of the binding (its own or one it called) waits for the message, or (END) it ended. */
    private static boolean ready(RuntimeService runtime, String id, String awaiting) {
        return awaiting.equals("END")
                ? runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(id).count() == 0
                : runtime.createExecutionQuery().processInstanceBusinessKey(id).messageEventSubscriptionName(awaiting).count() > 0;
    }

    private static ServerResponse ready(boolean ready) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("ready", ready));
    }

    /** The variables bindflow's step of that message passes. */
    private static Map<String, Object> variables(String message) {
        Date now = new Date();
        Map<String, Object> variables = new HashMap<>();
        switch (message) {
            case "AgreementAccepted" -> {
                variables.put("agreementVersion", "2026.1");
                variables.put("otpInactivityDeadline", plus(now, Duration.ofMinutes(30)));
            }
            case "OtpRequested" -> {
                variables.put("otpSendNo", 1);
                variables.put("otpSendsLeft", 2);
                variables.put("otpExpiresAt", plus(now, Duration.ofMinutes(5)));
                variables.put("otpInactivityDeadline", plus(now, Duration.ofMinutes(30)));
            }
            default -> {
            }
        }
        return variables;
    }

    private static Date plus(Date date, Duration duration) {
        return new Date(date.getTime() + duration.toMillis());
    }
}
