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

    InvoiceResource(InvoiceAi ai) {
        this.ai = ai;
    }

    /**
     * Extracts an invoice. The model's repair loop has already asked once more when the arithmetic was wrong
     * ({@link InvoiceAi}), so a discrepancy left now is final: it fails with this last extraction.
     */
    @POST
    @RunOnVirtualThread
    public Invoice extract(@Valid @NotNull(message = "a JSON body is required") InvoiceRequest request) {
        Invoice invoice = ai.extract(request.text());
        Optional<String> discrepancy = InvoiceCheck.discrepancy(invoice);
        if (discrepancy.isPresent()) {
            throw new InconsistentInvoiceException(invoice, discrepancy.get());
        }
        return invoice;
    }
}
