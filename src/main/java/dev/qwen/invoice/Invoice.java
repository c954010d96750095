package dev.qwen.invoice;

import java.math.BigDecimal;
import java.util.List;

import dev.langchain4j.model.output.structured.Description;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An invoice as extracted from text. Amounts are JSON numbers. Registered with its line items (nested). */
@RegisterForReflection
public record Invoice(
        String vendor,
        String invoiceNumber,
        @Description("issue date as YYYY-MM-DD") String issueDate,
        @Description("ISO 4217 code, like EUR") String currency,
        List<LineItem> lineItems,
        BigDecimal subtotal,
        BigDecimal tax,
        BigDecimal total) {

    public record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }
}
