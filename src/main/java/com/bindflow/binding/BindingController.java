package com.bindflow.binding;

import com.bindflow.channel.Channel;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.Idempotency;
import com.bindflow.shared.LongPoll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The binding REST contract of SPEC.md: create, read, list, and the agreement step. */
@RestController
@RequestMapping("/api/bindings")
public class BindingController {

    private final BindingService bindings;
    private final UnbindingService unbinding;
    private final BindingViews views;
    private final LongPoll longPoll;
    private final BindingTags tags;

    public BindingController(BindingService bindings, UnbindingService unbinding, BindingViews views, LongPoll longPoll,
                             BindingTags tags) {
        this.bindings = bindings;
        this.unbinding = unbinding;
        this.views = views;
        this.longPoll = longPoll;
        this.tags = tags;
    }

    public record CreateRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-'")
            String userId,
            @NotNull Channel channel,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-'")
            String wechatRequestId) {
    }

    @PostMapping
    public ResponseEntity<BindingView> create(@RequestHeader(Idempotency.HEADER) String idempotencyKey,
                                              @Valid @RequestBody CreateRequest request, Principal client) {
        BindingService.Created created = bindings.create(Idempotency.client(client), Idempotency.key(idempotencyKey),
                new BindingService.CreateBinding(request.userId(), request.channel(), request.wechatRequestId()));
        Binding binding = created.binding();
        return ResponseEntity.created(URI.create(BindingTags.location(binding.id())))
                .header(Idempotency.REPLAYED_HEADER, Boolean.toString(created.replayed()))
                .body(view(binding));
    }

    /**
     * The binding, with an {@code ETag}. With {@code If-None-Match} naming the current tag: 304. With
     * {@code waitSeconds} (1–30) too, the answer waits until the binding changes (200 with the new state, right after
     * the change commits on this node, within {@code bindflow.api.long-poll.recheck} when another node made it) or the
     * seconds are over (304): the JD app follows a binding with one request per change instead of polling. Every
     * other answer that shows the binding carries its tag too ({@link BindingTags}), so a wait can follow a step.
     */
    @GetMapping("/{id}")
    public Object get(@PathVariable String id, @RequestParam(required = false) String waitSeconds,
                      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<Duration> wait = LongPoll.waitParameter("waitSeconds", waitSeconds);
        Tagged now = tagged(id);
        if (wait.isEmpty() || !LongPoll.matches(ifNoneMatch, now.etag()) || ifNoneMatch.contains("*")) {
            return now.answer(ifNoneMatch);   // nothing to wait for: changed already, or any state matches (*)
        }
        return longPoll.<ResponseEntity<BindingView>>await(BindingChanges.key(id), wait.get(), () -> {
            Tagged later = tagged(id);
            return LongPoll.matches(ifNoneMatch, later.etag()) ? Optional.empty() : Optional.of(later.answer(ifNoneMatch));
        }, now::notModified).map(Object.class::cast).orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "TOO_MANY_WAITING", "waitSeconds", "This node holds as many waiting requests as it may; ask again in a "
                + "second (or without waitSeconds).").with("retryAfterSeconds", 1));
    }

    /** A binding's answer and its entity tag (of the JSON the answer carries). */
    private record Tagged(BindingView view, String etag) {

        ResponseEntity<BindingView> answer(String ifNoneMatch) {
            return LongPoll.matches(ifNoneMatch, etag) ? notModified() : ResponseEntity.ok().eTag(etag).body(view);
        }

        ResponseEntity<BindingView> notModified() {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
    }

    private Tagged tagged(String id) {
        BindingView view = views.get(id);
        return new Tagged(view, tags.of(view));
    }

    @GetMapping
    public List<BindingView> list(@RequestParam String userId) {
        if (userId.isBlank()) {
            throw ApiProblem.badRequest("userId", "The parameter userId may not be empty.");
        }
        return bindings.listByUser(userId).stream().map(this::view).toList();
    }

    public record AgreementRequest(@NotBlank @Size(max = 32) String version, @NotNull Boolean accepted) {
    }

    @PostMapping("/{id}/agreement")
    public BindingView acceptAgreement(@PathVariable String id, @Valid @RequestBody AgreementRequest request) {
        if (!request.accepted()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "AGREEMENT_NOT_ACCEPTED", "accepted",
                    "The service agreement must be accepted (true) to go on; to stop, leave the binding to expire.");
        }
        return view(bindings.acceptAgreement(id, request.version()));
    }

    /** Step 5a: the optional per-transaction cap; {@code {"perTransactionCap": null}} sets none. */
    public record PreferencesRequest(java.math.BigDecimal perTransactionCap) {
    }

    @PostMapping("/{id}/preferences")
    public BindingView setPreferences(@PathVariable String id, @RequestBody PreferencesRequest request) {
        return view(bindings.setPreferences(id, request.perTransactionCap()));
    }

    /** Cancel at any step before ACTIVE: what WeChat has is undone, then CANCELLED (possibly a moment later). */
    @PostMapping("/{id}/cancel")
    public ResponseEntity<BindingView> cancel(@PathVariable String id) {
        return ResponseEntity.accepted().body(view(bindings.cancel(id)));
    }

    /** Unbind an ACTIVE binding from the JD side: 202, UNBINDING until WeChat has revoked it, then UNBOUND. */
    @org.springframework.web.bind.annotation.DeleteMapping("/{id}")
    public ResponseEntity<BindingView> unbind(@PathVariable String id) {
        return ResponseEntity.accepted().body(view(unbinding.unbind(id, UnbindingService.Side.JD_APP)));
    }

    /**
     * The binding as it is after the step committed, read at once with its timeline: the answer shows a state the
     * binding had (the record the step returns was read inside its transaction), so its tag is the one {@code GET}
     * gives for that state.
     */
    private BindingView view(Binding binding) {
        return views.get(binding.id());
    }
}
