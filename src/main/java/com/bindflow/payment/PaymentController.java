package com.bindflow.payment;

import com.bindflow.shared.Idempotency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Payment authorizations (issue #5): decide, read, answer a step-up with the face, reverse. */
@RestController
@RequestMapping("/api/payments/authorizations")
public class PaymentController {

    private final PaymentAuthorizationService payments;
    private final StepUps stepUps;
    private final Reversals reversals;

    public PaymentController(PaymentAuthorizationService payments, StepUps stepUps, Reversals reversals) {
        this.payments = payments;
        this.stepUps = stepUps;
        this.reversals = reversals;
    }

    public record PayeeBody(@NotNull PayeeType type, @NotBlank @Size(max = 64) String id) {
    }

    public record AuthorizeRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-'")
            String userId,
            @NotNull Scenario scenario,
            @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01")
            @Digits(integer = 10, fraction = 2, message = "yuan with at most two decimals") BigDecimal amount,
            @NotNull @Valid PayeeBody payee,
            @Size(max = 64) String purpose,
            @NotBlank @Size(max = 64) String city,
            @NotNull Instant occurredAt) {
    }

    @PostMapping
    public ResponseEntity<AuthorizationView> authorize(@RequestHeader(Idempotency.HEADER) String idempotencyKey,
                                                       @Valid @RequestBody AuthorizeRequest r, Principal client) {
        PaymentAuthorizationService.Result result = payments.authorize(Idempotency.client(client),
                Idempotency.key(idempotencyKey), new PaymentRequest(r.userId(), r.scenario(), r.amount(), r.payee().type(), r.payee().id(),
                        r.purpose(), r.city(), r.occurredAt()));
        return ResponseEntity.created(URI.create("/api/payments/authorizations/" + result.authorization().id()))
                .header(Idempotency.REPLAYED_HEADER, Boolean.toString(result.replayed()))
                .body(AuthorizationView.of(result.authorization()));
    }

    @GetMapping("/{id}")
    public AuthorizationView get(@PathVariable String id) {
        return AuthorizationView.of(payments.get(id));
    }

    public record FaceRequest(@NotBlank @Size(max = 200) String providerToken) {
    }

    /** STEP_UP_REQUIRED → APPROVED or DECLINED; 422 FACE_POOR_LIGHTING may be retried; 409 when nothing waits. */
    @PostMapping("/{id}/face")
    public AuthorizationView face(@PathVariable String id, @Valid @RequestBody FaceRequest request) {
        return AuthorizationView.of(stepUps.answer(id, request.providerToken()).authorization());
    }

    /** A refund or reversal of an APPROVED authorization; idempotent (a repeat answers the same, replayed). */
    @PostMapping("/{id}/reversal")
    public ResponseEntity<AuthorizationView> reverse(@PathVariable String id) {
        PaymentAuthorizationService.Result result = reversals.reverse(id);
        return ResponseEntity.ok().header(Idempotency.REPLAYED_HEADER, Boolean.toString(result.replayed()))
                .body(AuthorizationView.of(result.authorization()));
    }
}
