package dev.qwen.approvals;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.qwen.assistant.AssistantReply;
import dev.qwen.assistant.AssistantService;
import dev.qwen.provider.RequestTrail;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Tool calls waiting for a person's decision: listed to their own key and to approvers; decided by approvers. */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {

    @RegisterForReflection
    public record PendingApprovalEntry(String id, @Schema(nullable = true) String sessionId, AssistantReply.AskedCall toolCall,
            String requestedBy, Instant createdAt, Instant expiresAt) {
    }

    @RegisterForReflection
    public record ApprovalList(List<PendingApprovalEntry> approvals) {
    }

    @RegisterForReflection
    public record DecisionRequest(
            @NotNull @Pattern(regexp = "approve|reject", message = "must be approve or reject") String decision,
            @Size(max = 2000) String note) {
    }

    private final ApprovalService approvals;
    private final AssistantService assistant;
    private final RequestTrail trail;

    ApprovalsResource(ApprovalService approvals, AssistantService assistant, RequestTrail trail) {
        this.approvals = approvals;
        this.assistant = assistant;
        this.trail = trail;
    }

    @GET
    @RunOnVirtualThread
    public ApprovalList list() {
        return new ApprovalList(approvals.visibleTo(trail.caller()).stream()
                .map(a -> new PendingApprovalEntry(a.id(), a.sessionId(), assistant.askedCall(a.call()), a.requester().key(),
                        a.createdAt(), a.expiresAt()))
                .toList());
    }

    /** Approves or rejects; the session's turn then continues, and its answer is this call's answer. */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public AssistantReply decide(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") DecisionRequest request) {
        Approval.Decision decision = "approve".equals(request.decision()) ? Approval.Decision.APPROVE
                : Approval.Decision.REJECT;
        return approvals.decide(id, decision, request.note(), trail.caller());
    }
}
