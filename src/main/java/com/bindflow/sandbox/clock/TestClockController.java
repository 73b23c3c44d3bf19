package com.bindflow.sandbox.clock;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.ApiProblem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sandbox only: the test clock, read and moved forward. Absent in the prod profile. */
@RestController
@RequestMapping("/sandbox/clock")
@SandboxOnly
public class TestClockController {

    private final TestClock clock;

    public TestClockController(TestClock clock) {
        this.clock = clock;
    }

    public record Advance(String advance) {
    }

    @PostMapping
    public TestClock.Reading advance(@RequestBody Advance request) {
        if (request.advance() == null) {
            throw ApiProblem.badRequest("advance", "advance is required: an ISO-8601 duration such as PT6M.");
        }
        Duration by;
        try {
            by = Duration.parse(request.advance());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("advance", "'" + request.advance() + "' is not an ISO-8601 duration such as PT6M.");
        }
        if (by.isNegative()) {
            throw ApiProblem.badRequest("advance", "The test clock only moves forward.");
        }
        return clock.advance(by);
    }

    @GetMapping
    public TestClock.Reading now() {
        return clock.read();
    }
}
