package com.bindflow.ops;

import com.bindflow.eligibility.EligibilityProcess;
import com.bindflow.ops.OpsDashboard.Incident;
import com.bindflow.ops.OpsDashboard.Incidents;
import com.bindflow.ops.OpsDashboard.ReviewCase;
import com.bindflow.ops.OpsDashboard.Reviews;
import com.bindflow.reports.BindingFunnelService;
import com.bindflow.reports.PaymentReportService;
import com.bindflow.reports.ReportPeriod;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.Texts;
import com.bindflow.unfreeze.UnfreezeProcess;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The operators' dashboard: the reports of a period (through their services, as {@code /api/reports} answers them),
 * and the engine's open review tasks and incidents. Every date is counted from the application's clock (the test
 * clock in the sandbox), in Beijing time.
 */
@Service
public class OpsDashboardService {

    static final int MAX_ROWS = 50;
    /** The default period: the 7 days up to and including today. */
    static final int DEFAULT_DAYS = 7;
    /** The longest period the dashboard reads at once. */
    static final int MAX_DAYS = 366;
    private static final Duration SOON = Duration.ofHours(24);

    private final BindingFunnelService funnel;
    private final PaymentReportService payments;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Clock clock;
    private final boolean testClock;
    private final String webapp;

    public OpsDashboardService(BindingFunnelService funnel, PaymentReportService payments, TaskService tasks,
                               RuntimeService runtime, Clock clock,
                               @Value("${bindflow.sandbox.enabled:false}") boolean testClock,
                               @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapp) {
        this.funnel = funnel;
        this.payments = payments;
        this.tasks = tasks;
        this.runtime = runtime;
        this.clock = clock;
        this.testClock = testClock;
        this.webapp = webapp.endsWith("/") ? webapp.substring(0, webapp.length() - 1) : webapp;
    }

    /** The dashboard for [from, to) (dates in Beijing time); either may be null: the 7 days up to today. */
    public OpsDashboard dashboard(String fromText, String toText) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, EngineClock.CHINA);
        LocalDate to = blank(toText) ? today.plusDays(1) : date("to", toText);
        LocalDate from = blank(fromText) ? to.minusDays(DEFAULT_DAYS) : date("from", fromText);
        if (!from.isBefore(to)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PERIOD", "to",
                    "The period is [from, to): to (" + to + ") must be after from (" + from + ").");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PERIOD", "to",
                    "The dashboard reads at most " + MAX_DAYS + " days at once; ask /api/reports for longer periods.");
        }
        ReportPeriod period = ReportPeriod.parse(from.toString(), to.toString(), EngineClock.CHINA);
        return new OpsDashboard(now, testClock, EngineClock.CHINA.getId(), today, new OpsDashboard.Period(from, to),
                funnel.funnel(period), payments.failures(period),
                List.of(reviews("ELIGIBILITY", "Eligibility reviews", "3 working days",
                                List.of(EligibilityProcess.TASK_REVIEW), now),
                        reviews("UNFREEZE", "Unfreeze reviews (travel proof)", "12 hours",
                                List.of(UnfreezeProcess.TASK_REVIEW, UnfreezeProcess.TASK_ESCALATED_REVIEW), now)),
                incidents());
    }

    private Reviews reviews(String kind, String title, String sla, List<String> taskKeys, Instant now) {
        // one case per process instance: an escalated Unfreeze review has two open tasks, the earliest due counts
        Map<String, List<Task>> byCase = new LinkedHashMap<>();
        for (String key : taskKeys) {
            for (Task task : tasks.createTaskQuery().taskDefinitionKey(key).active().list()) {
                byCase.computeIfAbsent(task.getProcessInstanceId(), k -> new ArrayList<>()).add(task);
            }
        }
        List<ReviewCase> cases = new ArrayList<>();
        for (Map.Entry<String, List<Task>> entry : byCase.entrySet()) {
            Task first = entry.getValue().stream()
                    .min(Comparator.comparing(t -> t.getDueDate() == null ? Instant.MAX : t.getDueDate().toInstant()))
                    .orElseThrow();
            Instant due = first.getDueDate() == null ? null : first.getDueDate().toInstant();
            String assignee = entry.getValue().stream().map(Task::getAssignee).filter(a -> a != null).findFirst()
                    .orElse(null);
            cases.add(new ReviewCase(entry.getKey(), businessKey(entry.getKey()), first.getName(), assignee,
                    first.getCreateTime() == null ? null : first.getCreateTime().toInstant(), due,
                    due != null && due.isBefore(now), webapp + "/app/tasklist/default/#/?task=" + first.getId()));
        }
        cases.sort(Comparator.comparing((ReviewCase c) -> c.due() == null ? Instant.MAX : c.due()));
        long overdue = cases.stream().filter(ReviewCase::overdue).count();
        long soon = cases.stream().filter(c -> !c.overdue() && c.due() != null && c.due().isBefore(now.plus(SOON)))
                .count();
        return new Reviews(kind, title, sla, cases.size(), overdue, soon, cases.stream().limit(MAX_ROWS).toList());
    }

    private String businessKey(String processInstanceId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    /**
     * The open incidents where they arose: a failed job in a called process also raises an incident on each calling
     * activity above it, pointing to the first (its root cause); those are left out, so one failure is one row.
     */
    private Incidents incidents() {
        List<org.camunda.bpm.engine.runtime.Incident> rootCauses = runtime.createIncidentQuery()
                .orderByIncidentTimestamp().desc().list().stream()
                .filter(i -> i.getRootCauseIncidentId() == null || i.getRootCauseIncidentId().equals(i.getId()))
                .toList();
        List<Incident> items = rootCauses.stream().limit(MAX_ROWS)
                .map(i -> new Incident(i.getId(), i.getIncidentType(), i.getIncidentMessage(),
                        definitionKey(i.getProcessDefinitionId()), i.getActivityId(), i.getProcessInstanceId(),
                        i.getIncidentTimestamp() == null ? null : i.getIncidentTimestamp().toInstant(),
                        i.getProcessInstanceId() == null ? webapp + "/app/cockpit/default/#/dashboard"
                                : webapp + "/app/cockpit/default/#/process-instance/" + i.getProcessInstanceId()
                                + "/runtime"))
                .toList();
        return new Incidents(rootCauses.size(), items);
    }

    /** "Binding:3:5f1c…" → "Binding". */
    private static String definitionKey(String processDefinitionId) {
        if (processDefinitionId == null) {
            return null;
        }
        int colon = processDefinitionId.indexOf(':');
        return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static LocalDate date(String field, String text) {
        try {
            LocalDate date = LocalDate.parse(text.trim());
            if (date.getYear() < 1970 || date.getYear() > 9998) {
                throw ApiProblem.badRequest(field, "The value '" + Texts.abbreviate(text) + "' is out of range for "
                        + field + ": the dashboard covers the years 1970 to 9998.");
            }
            return date;
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest(field, "The value '" + Texts.abbreviate(text) + "' is not valid for " + field
                    + ": give a date such as 2026-11-01 (a day in " + EngineClock.CHINA + ").");
        }
    }
}
