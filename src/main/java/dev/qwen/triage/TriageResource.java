package dev.qwen.triage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.RunOnVirtualThread;

@Path("/api/v1/triage")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TriageResource {

    @RegisterForReflection
    public record TriageRequest(@NotNull @Size(min = 1, max = 20000) String text) {
    }

    private final TriageAi ai;

    TriageResource(TriageAi ai) {
        this.ai = ai;
    }

    /** Classifies a customer message. Runs on a virtual thread: a slow provider holds no platform thread. */
    @POST
    @RunOnVirtualThread
    public Triage triage(@Valid @NotNull(message = "a JSON body is required") TriageRequest request) {
        return ai.triage(request.text());
    }
}
