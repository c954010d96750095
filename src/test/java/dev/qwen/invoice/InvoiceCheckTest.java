package dev.qwen.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The contract's invoice arithmetic ({@link InvoiceCheck}), and the note it gives the model. No Quarkus. */
class InvoiceCheckTest {

    private static Invoice invoice(String issueDate, String subtotal, String tax, String total, String... amounts) {
        List<Invoice.LineItem> items = Arrays.stream(amounts)
                .map(amount -> new Invoice.LineItem("item", BigDecimal.ONE, new BigDecimal(amount), new BigDecimal(amount)))
                .toList();
        return new Invoice("ACME", "INV-1", issueDate, "EUR", items, decimal(subtotal), decimal(tax), decimal(total));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    @Test
    void anInvoiceThatAddsUpHasNoDiscrepancy() {
        assertEquals(Optional.empty(), InvoiceCheck.discrepancy(invoice("2026-11-02", "30.00", "5.70", "35.70", "10.00", "20.00")));
    }

    @Test
    void linesThatDoNotAddUpToTheSubtotalAreNamed() {
        Optional<String> discrepancy = InvoiceCheck.discrepancy(invoice("2026-11-02", "31.00", "0", "31.00", "10.00", "20.00"));

        assertEquals(Optional.of("the line amounts add up to 30.00 but subtotal is 31.00"), discrepancy);
    }

    @Test
    void aTotalThatIsNotSubtotalPlusTaxIsNamed() {
        Optional<String> discrepancy = InvoiceCheck.discrepancy(invoice("2026-11-02", "30.00", "5.70", "36.00", "30.00"));

        assertEquals(Optional.of("subtotal 30.00 + tax 5.70 = 35.70 but total is 36.00"), discrepancy);
    }

    @Test
    void aCentIsTolerableAndTwoAreNot() {
        assertEquals(Optional.empty(), InvoiceCheck.discrepancy(invoice(null, "30.00", "5.70", "35.71", "30.01")));
        assertTrue(InvoiceCheck.discrepancy(invoice(null, "30.00", "5.70", "35.72", "30.00")).isPresent());
        assertTrue(InvoiceCheck.discrepancy(invoice(null, "30.00", "5.70", "35.70", "29.98")).isPresent());
    }

    @Test
    void everyDiscrepancyIsNamedAtOnce() {
        String discrepancy = InvoiceCheck.discrepancy(invoice("02.11.2026", "31.00", "1.00", "40.00", "30.00")).orElseThrow();

        assertEquals(3, discrepancy.split("; ").length, discrepancy);
        assertTrue(discrepancy.contains("issueDate 02.11.2026 is not YYYY-MM-DD"), discrepancy);
    }

    @Test
    void missingNumbersCountAsZero() {
        Invoice empty = new Invoice("ACME", "INV-1", null, "EUR", null, null, null, null);
        Invoice nullLine = new Invoice("ACME", "INV-1", null, "EUR", Arrays.asList((Invoice.LineItem) null), null, null,
                null);

        assertEquals(Optional.empty(), InvoiceCheck.discrepancy(empty));
        assertEquals(Optional.empty(), InvoiceCheck.discrepancy(nullLine));
        assertTrue(InvoiceCheck.discrepancy(invoice(null, null, null, "5.00")).isPresent());
    }

    @Test
    void aReplyThatAddsUpNeedsNoCorrection() {
        String reply = """
                {"vendor":"ACME","lineItems":[{"description":"Hub","quantity":2,"unitPrice":39.90,"amount":79.80}],
                 "subtotal":79.80,"tax":15.16,"total":94.96,"notes":"a field the invoice does not have"}""";

        assertEquals(Optional.empty(), InvoiceCheck.correction(reply));
    }

    @Test
    void aReplyThatDoesNotAddUpIsShownToTheModelWithItsDiscrepancy() {
        String reply = """
                {"vendor":"ACME","lineItems":[{"description":"Hub","quantity":2,"unitPrice":39.90,"amount":79.80}],
                 "subtotal":79.80,"tax":15.16,"total":99.99}""";

        String note = InvoiceCheck.correction(reply).orElseThrow();

        assertTrue(note.startsWith("Your previous extraction was:\n" + reply + "\n\n"), note);
        assertTrue(note.contains("It does not add up: subtotal 79.80 + tax 15.16 = 94.96 but total is 99.99."), note);
    }

    @Test
    void aReplyThatIsNoInvoiceIsLeftToTheParser() {
        assertEquals(Optional.empty(), InvoiceCheck.correction("[1, 2]"));
        assertEquals(Optional.empty(), InvoiceCheck.correction("{\"total\": \"a lot\"}"));
    }
}
