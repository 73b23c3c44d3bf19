package com.bindflow.reports;

import com.bindflow.shared.EngineClock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator reports over the domain API. */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

    private final BindingFunnelService funnel;
    private final PaymentReportService payments;

    public ReportController(BindingFunnelService funnel, PaymentReportService payments) {
        this.funnel = funnel;
        this.payments = payments;
    }

    /**
     * The binding funnel per channel for bindings created in [from, to). {@code from}/{@code to}: an ISO instant
     * ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}, the start of that day in Asia/Shanghai).
     */
    @GetMapping("/binding-funnel")
    public BindingFunnel bindingFunnel(@RequestParam String from, @RequestParam String to) {
        return funnel.funnel(ReportPeriod.parse(from, to, EngineClock.CHINA));
    }

    /**
     * The payment failure rate (declined and frozen over all decided attempts), overall, by scenario and by reason,
     * for authorizations created in [from, to); {@code from}/{@code to} as for the funnel.
     */
    @GetMapping("/payments")
    public PaymentFailureReport payments(@RequestParam String from, @RequestParam String to) {
        return payments.failures(ReportPeriod.parse(from, to, EngineClock.CHINA));
    }
}
