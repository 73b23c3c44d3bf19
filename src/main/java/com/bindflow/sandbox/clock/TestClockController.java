package com.bindflow.sandbox.clock;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.Texts;
import java.time.Duration;
import java.time.Instant;
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

    /** The most the clock moves in one step: far enough for any timer of the processes, never past the year 9999. */
    static final Duration MAX_ADVANCE = Duration.ofDays(3653);
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    @PostMapping
    public TestClock.Reading advance(@RequestBody Advance request) {
        if (request.advance() == null) {
            throw ApiProblem.badRequest("advance", "advance is required: an ISO-8601 duration such as PT6M.");
        }
        Duration by;
        try {
            by = Duration.parse(request.advance());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiProblem.badRequest("advance", "'" + Texts.abbreviate(request.advance())
                    + "' is not an ISO-8601 duration such as PT6M.");
        }
        if (by.isNegative()) {
            throw ApiProblem.badRequest("advance", "The test clock only moves forward.");
        }
        if (by.compareTo(MAX_ADVANCE) > 0) {
            throw ApiProblem.badRequest("advance", "The test clock moves at most " + MAX_ADVANCE + " (10 years) at once.");
        }
        if (clock.read().now().plus(by).isAfter(LATEST)) {
            throw ApiProblem.badRequest("advance", "The test clock does not go past the year 9999.");
        }
        return clock.advance(by);
    }

    @GetMapping
    public TestClock.Reading now() {
        return clock.read();
    }
}
