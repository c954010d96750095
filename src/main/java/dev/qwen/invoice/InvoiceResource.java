package dev.qwen.invoice;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.RunOnVirtualThread;

@Path("/api/v1/invoices/extract")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    @RegisterForReflection
    public record InvoiceRequest(@NotNull @Size(min = 1) String text) {
    }

    private final InvoiceAi ai;
    private final ObjectMapper json;

    InvoiceResource(InvoiceAi ai, ObjectMapper json) {
        this.ai = ai;
        this.json = json;
    }

    /**
     * Extracts an invoice and checks its arithmetic; one correction round names the discrepancy to the
     * model, then a still-inconsistent extraction fails with it.
     */
    @POST
    @RunOnVirtualThread
    public Invoice extract(@Valid @NotNull(message = "a JSON body is required") InvoiceRequest request) {
        Invoice first = ai.extract(request.text());
        Optional<String> discrepancy = InvoiceCheck.discrepancy(first);
        if (discrepancy.isEmpty()) {
            return first;
        }
        Invoice corrected = ai.correct(request.text(), toJson(first), discrepancy.get());
        Optional<String> still = InvoiceCheck.discrepancy(corrected);
        if (still.isEmpty()) {
            return corrected;
        }
        throw new InconsistentInvoiceException(corrected, still.get());
    }

    private String toJson(Invoice invoice) {
        try {
            return json.writeValueAsString(invoice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invoice not serialisable", e);
        }
    }
}
