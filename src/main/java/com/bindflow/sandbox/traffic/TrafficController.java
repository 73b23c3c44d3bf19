package com.bindflow.sandbox.traffic;

import com.bindflow.sandbox.SandboxOnly;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox only: {@code POST /sandbox/traffic {"bindings": n, "mix": {...}, "seed": 42}} plays n customers binding
 * (see {@link TrafficGenerator}) and answers with the binding funnel of the period the traffic covered.
 */
@RestController
@RequestMapping("/sandbox/traffic")
@SandboxOnly
public class TrafficController {

    private final TrafficGenerator generator;

    public TrafficController(TrafficGenerator generator) {
        this.generator = generator;
    }

    public record TrafficRequest(Integer bindings, TrafficMix mix, Long seed) {
    }

    @PostMapping
    public TrafficGenerator.Run play(@RequestBody TrafficRequest request) {
        return generator.play(request.bindings(), request.mix(), request.seed());
    }
}
