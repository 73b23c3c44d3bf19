package com.bindflow.unfreeze;

import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer's travel proofs for the Unfreeze review of a RISK freeze: submit one, read it. */
@RestController
@RequestMapping("/api/accounts/{userId}/unfreeze-requests")
public class UnfreezeController {

    private final UnfreezeService unfreeze;

    public UnfreezeController(UnfreezeService unfreeze) {
        this.unfreeze = unfreeze;
    }

    /** The customer's travel proof: {@code {"trips":[{"city","startDate","endDate"}],"documentRef"}}. */
    @PostMapping
    public ResponseEntity<UnfreezeRequestView> submit(@PathVariable String userId, @RequestBody TravelProof proof) {
        UnfreezeRequest request = unfreeze.submit(userId, proof);
        return ResponseEntity.created(URI.create("/api/accounts/" + userId + "/unfreeze-requests/" + request.id()))
                .body(UnfreezeRequestView.of(request));
    }

    @GetMapping("/{requestId}")
    public UnfreezeRequestView request(@PathVariable String userId, @PathVariable String requestId) {
        return UnfreezeRequestView.of(unfreeze.request(userId, requestId));
    }
}
