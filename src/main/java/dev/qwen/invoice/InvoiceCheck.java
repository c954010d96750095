package dev.qwen.invoice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The contract's arithmetic: lines add up to the subtotal, subtotal + tax = total, within 0.01. */
final class InvoiceCheck {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private InvoiceCheck() {
    }

    /**
     * The model's check of a reply that fits the invoice schema: a note showing the model its extraction and
     * naming every discrepancy, added to the request (after the invoice text), or empty when it adds up.
     */
    static Optional<String> correction(String reply) {
        Invoice invoice;
        try {
            invoice = JSON.readValue(reply, Invoice.class);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // not an invoice after all: the AI service's own parser says so
        }
        return discrepancy(invoice).map(discrepancy -> "Your previous extraction was:\n" + reply
                + "\n\nIt does not add up: " + discrepancy + ".\nRead the text again and return the corrected extraction.");
    }

    /** Every discrepancy, named so the model can fix it, or empty when the invoice is consistent. */
    static Optional<String> discrepancy(Invoice invoice) {
        List<String> problems = new ArrayList<>();
        BigDecimal lines = BigDecimal.ZERO;
        for (Invoice.LineItem item : invoice.lineItems() == null ? List.<Invoice.LineItem> of() : invoice.lineItems()) {
            lines = lines.add(orZero(item == null ? null : item.amount()));
        }
        BigDecimal subtotal = orZero(invoice.subtotal());
        BigDecimal tax = orZero(invoice.tax());
        BigDecimal total = orZero(invoice.total());
        if (lines.subtract(subtotal).abs().compareTo(TOLERANCE) > 0) {
            problems.add("the line amounts add up to " + lines.toPlainString() + " but subtotal is "
                    + subtotal.toPlainString());
        }
        if (subtotal.add(tax).subtract(total).abs().compareTo(TOLERANCE) > 0) {
            problems.add("subtotal " + subtotal.toPlainString() + " + tax " + tax.toPlainString() + " = "
                    + subtotal.add(tax).toPlainString() + " but total is " + total.toPlainString());
        }
        if (invoice.issueDate() != null && !ISO_DATE.matcher(invoice.issueDate()).matches()) {
            problems.add("issueDate " + invoice.issueDate() + " is not YYYY-MM-DD");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
