package com.bindflow.binding.face;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingProperties;
import com.bindflow.binding.BindingStatus;
import com.bindflow.binding.BindingSteps;
import com.bindflow.binding.ReasonCode;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.OutsideRefusal;
import com.bindflow.verification.FaceRecognition;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 5b, face recognition (SPEC.md §2): liveness and match through the provider. Poor lighting (the seed's
 * second key risk) allows another try, up to 3 attempts in all; a mismatch or a spoof ends the binding.
 */
@Service
public class FaceVerificationService {

    private final FaceRecognition provider;
    private final BindingSteps bindings;
    private final int maxAttempts;
    private final TransactionTemplate tx;

    public FaceVerificationService(FaceRecognition provider, BindingSteps bindings,
                                   BindingProperties properties, PlatformTransactionManager transactionManager) {
        this.provider = provider;
        this.bindings = bindings;
        this.maxAttempts = properties.faceMaxAttempts();
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** The outcome of one attempt: passed, or refused with why and how many attempts are left (0: the binding ends). */
    public record Attempt(boolean passed, String code, String detail, int attemptsLeft) {
    }

    /**
     * The provider is asked first, outside the transaction: its call may take up to the outside calls' 17 s, and no
     * binding row lock and no database connection is held meanwhile (as {@link com.bindflow.payment.StepUps} does).
     * Then, under the binding's lock, the status is checked again (a concurrent answer or a timeout may have moved the
     * binding on: 409, nothing counted) and the attempt counted from the attempts as they are now.
     */
    public Attempt verify(String bindingId, String providerToken) {
        Binding before = bindings.findInStatus(bindingId, BindingStatus.AWAITING_FACE_VERIFICATION);
        FaceRecognition.Result result;
        try {
            result = provider.verify(before.userId(), providerToken);
        } catch (OutsideRefusal unknownToken) {
            throw ApiProblem.badRequest("providerToken", unknownToken.getMessage());
        }
        return tx.execute(status -> {
            Binding binding = bindings.lockInStatus(bindingId, BindingStatus.AWAITING_FACE_VERIFICATION);
            int attempts = binding.wechat().faceAttempts() + 1;
            bindings.recordFaceAttempts(bindingId, attempts);
            int left = maxAttempts - attempts;
            return switch (result) {
                case PASS -> {
                    bindings.correlate(binding, BindingProcess.MESSAGE_FACE_VERIFIED, Map.of());
                    yield new Attempt(true, "FACE_VERIFIED", "Face verified.", left);
                }
                case POOR_LIGHTING -> left > 0
                        ? new Attempt(false, "FACE_POOR_LIGHTING", "The capture was too dark: move to better light and try "
                        + "again.", left)
                        : fail(binding, ReasonCode.FACE_RETRIES_EXHAUSTED);
                case MISMATCH -> fail(binding, ReasonCode.FACE_MISMATCH);
                case SPOOF -> fail(binding, ReasonCode.FACE_SPOOF_DETECTED);
            };
        });
    }

    private Attempt fail(Binding binding, ReasonCode reason) {
        bindings.correlate(binding, BindingProcess.MESSAGE_FACE_FAILED, Map.of(BindingProcess.VAR_FACE_FAILURE, reason.name()));
        return new Attempt(false, reason.name(), reason.message() + " The binding ends.", 0);
    }
}
