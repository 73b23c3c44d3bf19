package com.bindflow.binding.otp;

import com.bindflow.binding.BindingView;
import com.bindflow.binding.BindingViews;
import com.bindflow.shared.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Step 3b over REST: request an SMS code, enter it. */
@RestController
@RequestMapping("/api/bindings/{id}/otp")
public class OtpController {

    private final OtpService otp;
    private final BindingViews bindings;

    public OtpController(OtpService otp, BindingViews bindings) {
        this.otp = otp;
        this.bindings = bindings;
    }

    /**
     * 202: the code is on its way (sent by the process's Task_SendOtp); also when the last code is still being sent,
     * then with nothing new sent, {@code codeState} PENDING and {@code Retry-After} (and {@code retryAfterSeconds}).
     */
    @PostMapping("/send")
    public ResponseEntity<BindingView.Otp> send(@PathVariable String id) {
        BindingView.Otp requested = otp.requestCode(id);
        ResponseEntity.BodyBuilder accepted = ResponseEntity.status(HttpStatus.ACCEPTED);
        if (requested.retryAfterSeconds() != null) {
            accepted.header(HttpHeaders.RETRY_AFTER, requested.retryAfterSeconds().toString());
        }
        return accepted.body(requested);
    }

    public record CodeEntry(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
    }

    @PostMapping
    public BindingView enter(@PathVariable String id, @Valid @RequestBody CodeEntry entry) {
        OtpService.Entry result = otp.enterCode(id, entry.code());
        if (result instanceof OtpService.Entry.Refused refused) {
            ApiProblem problem = new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, refused.code(), "code", refused.detail());
            if (refused.wrongEntriesLeft() != null) {
                problem.with("wrongEntriesLeft", refused.wrongEntriesLeft());
            }
            throw problem;
        }
        return bindings.get(id);
    }
}
