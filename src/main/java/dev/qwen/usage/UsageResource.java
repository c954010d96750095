package dev.qwen.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qwen.provider.RequestTrail;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/usage")
public class UsageResource {

    private final UsageLedger ledger;
    private final RequestTrail trail;

    UsageResource(UsageLedger ledger, RequestTrail trail) {
        this.ledger = ledger;
        this.trail = trail;
    }

    /** The calling key's usage today (UTC): requests, tokens and, when prices are configured, cost. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public UsageLedger.Report usage() {
        return ledger.today(trail.caller());
    }
}
