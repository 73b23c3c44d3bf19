package com.bindflow.binding.face;

import com.bindflow.binding.BindingView;
import com.bindflow.binding.BindingViews;
import com.bindflow.shared.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Step 5b over REST: the face-recognition capture the app's provider SDK made. */
@RestController
public class FaceController {

    private final FaceVerificationService faces;
    private final BindingViews bindings;

    public FaceController(FaceVerificationService faces, BindingViews bindings) {
        this.faces = faces;
        this.bindings = bindings;
    }

    public record FaceCapture(@NotBlank @Size(max = 200) String providerToken) {
    }

    @PostMapping("/api/bindings/{id}/face")
    public BindingView verify(@PathVariable String id, @Valid @RequestBody FaceCapture capture) {
        FaceVerificationService.Attempt attempt = faces.verify(id, capture.providerToken());
        if (!attempt.passed()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, attempt.code(), "providerToken", attempt.detail())
                    .with("attemptsLeft", attempt.attemptsLeft());
        }
        return bindings.get(id);
    }
}
