package dev.qwen.workflow;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Reviews several orders at once ({@link OrderReviewer}). */
@Path("/api/v1/workflows/order-review")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderReviewResource {

    @RegisterForReflection
    public record ReviewRequest(
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 64) String> orderIds,
            String question,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1..64 of [A-Za-z0-9_-]") String customerId) {
    }

    private final OrderReviewer reviewer;

    OrderReviewResource(OrderReviewer reviewer) {
        this.reviewer = reviewer;
    }

    @POST
    @RunOnVirtualThread
    public OrderReview review(@Valid @NotNull(message = "a JSON body is required") ReviewRequest request) {
        return reviewer.review(request.orderIds(), request.question(), request.customerId());
    }
}
