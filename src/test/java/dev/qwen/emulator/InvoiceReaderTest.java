package dev.qwen.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The emulator reads invoices written in the common ways, and reads them consistently. */
class InvoiceReaderTest {

    private static InvoiceReader.Invoice read(String text) {
        return InvoiceReader.read(text);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    private static void assertItem(InvoiceReader.Item item, String description, String quantity, String unitPrice,
            String amount) {
        assertEquals(description, item.description());
        assertAmount(quantity, item.quantity());
        assertAmount(unitPrice, item.unitPrice());
        assertAmount(amount, item.amount());
    }

    /** Arithmetic as the service checks it: lines add up to the subtotal, subtotal + tax = total. */
    private static void assertConsistent(InvoiceReader.Invoice invoice) {
        BigDecimal lines = invoice.items().stream().map(InvoiceReader.Item::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertAmount(invoice.subtotal().toPlainString(), lines);
        assertAmount(invoice.total().toPlainString(), invoice.subtotal().add(invoice.tax()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2 x USB-C Hub @ 39.90 = 79.80",
            "2 x USB-C Hub @ 39.90",
            "2x USB-C Hub 39.90",
            "2x USB-C Hub 39.90 79.80",
            "2 × USB-C Hub à 39,90 = 79,80",
            "- 2 pcs USB-C Hub @ EUR 39.90 = EUR 79.80",
            "2 x USB-C Hub = 79.80",
            "USB-C Hub 2 @ 39.90",
            "USB-C Hub 2 x 39.90 = 79.80",
            "USB-C Hub: 2 @ €39.90",
            "USB-C Hub, 2 units at 39.90 each",
            "USB-C Hub x2 @ $ 39.90",
            "USB-C Hub | 2 | 39.90 | 79.80",
            "| USB-C Hub | 2 | 39.90 | 79.80 |",
            "USB-C Hub | 2 | 39.90",
            "1 | USB-C Hub | 2 | 39.90 | 79.80",
            "USB-C Hub | 2 | 39.90 EUR | 79.80 EUR",
            "USB-C Hub\t2\t39.90\t79.80",
            "USB-C Hub      2      39.90      79.80" })
    void oneLineItemInEveryCommonForm(String line) {
        InvoiceReader.Invoice invoice = read("Vendor: ACME\nInvoice number: 1\n" + line + "\nTotal: 79.80");

        assertEquals(1, invoice.items().size(), line);
        assertItem(invoice.items().get(0), "USB-C Hub", "2", "39.90", "79.80");
        assertAmount("79.80", invoice.subtotal());
        assertAmount("0", invoice.tax());
        assertAmount("79.80", invoice.total());
    }

    @Test
    void aTableWithAHeaderRowTakesItsColumnsFromTheHeader() {
        InvoiceReader.Invoice invoice = read("""
                ACME GmbH
                Invoice #A-77
                | Qty | Item | Amount | Unit price |
                |-----|------|--------|------------|
                | 2 | USB-C Hub | 79.80 | 39.90 |
                | 1 | Cable | 9.90 | 9.90 |
                | | Subtotal | 89.70 | |
                | | VAT 19% | 17.04 | |
                | | **Total** | **106.74** | |
                """);

        assertEquals("ACME GmbH", invoice.vendor());
        assertEquals("A-77", invoice.invoiceNumber());
        assertEquals(2, invoice.items().size());
        assertItem(invoice.items().get(0), "USB-C Hub", "2", "39.90", "79.80");
        assertItem(invoice.items().get(1), "Cable", "1", "9.90", "9.90");
        assertAmount("89.70", invoice.subtotal());
        assertAmount("17.04", invoice.tax());
        assertAmount("106.74", invoice.total());
        assertConsistent(invoice);
    }

    @ParameterizedTest
    @ValueSource(strings = { "EUR 1,299.00", "1,299.00 EUR", "€1,299.00", "€ 1.299,00", "1299.00 €", "1'299.00 EUR" })
    void currenciesBeforeOrAfterAndThousandsSeparators(String amount) {
        InvoiceReader.Invoice invoice = read("Vendor: ACME\n1 x Laptop @ " + amount + "\nTotal: " + amount);

        assertEquals("EUR", invoice.currency());
        assertItem(invoice.items().get(0), "Laptop", "1", "1299.00", "1299.00");
        assertAmount("1299.00", invoice.total());
    }

    @Test
    void dollarsAndPoundsBySymbol() {
        assertEquals("USD", read("2 x Pen @ $ 9.90\nTotal: $19.80").currency());
        assertEquals("GBP", read("2 x Pen @ £9.90").currency());
        assertEquals("CHF", read("2 x Pen @ 9.90 CHF").currency());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Subtotal", "Sub-total", "Sub total", "Net", "Net amount", "Total excl. VAT" })
    void subtotalWords(String word) {
        InvoiceReader.Invoice invoice = read("2 x Hub @ 10.00\n" + word + ": 20.00\nVAT 19%: 3.80\nTotal: 23.80");
        assertAmount("20.00", invoice.subtotal());
        assertAmount("3.80", invoice.tax());
        assertAmount("23.80", invoice.total());
    }

    @ParameterizedTest
    @ValueSource(strings = { "VAT 19%: 3.80", "Tax: 3.80", "GST (19%) 3.80", "Sales tax 3.80", "Tax 19 % EUR 3.80",
            "MwSt. 19%: 3,80" })
    void taxWords(String line) {
        InvoiceReader.Invoice invoice = read("2 x Hub @ 10.00\nSubtotal: 20.00\n" + line + "\nTotal: 23.80");
        assertAmount("3.80", invoice.tax());
        assertConsistent(invoice);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Total", "Amount due", "Grand total", "Total due", "Balance due", "Total incl. VAT",
            "Invoice total", "TOTAL (EUR)" })
    void totalWords(String word) {
        InvoiceReader.Invoice invoice = read("2 x Hub @ 10.00\nSubtotal: 20.00\nTax: 3.80\n" + word + ": 23.80");
        assertAmount("23.80", invoice.total());
        assertConsistent(invoice);
    }

    @Test
    void missingSubtotalTaxFromARateAndMissingTotalAreComputed() {
        InvoiceReader.Invoice invoice = read("2 x Hub @ 39.90\n1 x Cable @ 9.90\nVAT 19%");

        assertAmount("89.70", invoice.subtotal());
        assertAmount("17.04", invoice.tax());
        assertAmount("106.74", invoice.total());
        assertConsistent(invoice);
    }

    @Test
    void aPlainChargeBeforeTheTotalsIsALineItem() {
        InvoiceReader.Invoice invoice = read("2 x Hub @ 10.00\nShipping: 4.90\nDiscount -2.00\nTotal: 22.90 EUR");

        assertEquals(3, invoice.items().size());
        assertItem(invoice.items().get(1), "Shipping", "1", "4.90", "4.90");
        assertItem(invoice.items().get(2), "Discount", "1", "-2.00", "-2.00");
        assertConsistent(invoice);
    }

    @Test
    void whatIsWrittenIsCopiedEvenWhenItDoesNotAddUp() {
        InvoiceReader.Invoice invoice = read("2 x Hub @ 10.00 = 20.00\nSubtotal: 20.00\nTax: 2.00\nTotal: 25.00 EUR");
        assertAmount("25.00", invoice.total());
    }

    @Test
    void headerFieldsInTheirUsualSpellings() {
        InvoiceReader.Invoice invoice = read("""
                Invoice text:
                From: Widget Co
                Invoice no. W-1
                Order A1001, customer no: 12345
                Date: 2 November 2026
                Due date: 2026-12-02
                3 x Widget @ 5.00
                Total: 15.00 USD""");

        assertEquals("Widget Co", invoice.vendor());
        assertEquals("W-1", invoice.invoiceNumber());
        assertEquals("2026-11-02", invoice.issueDate());
        assertEquals("USD", invoice.currency());
        assertEquals(1, invoice.items().size());
        assertConsistent(invoice);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-02", "02.11.2026", "2/11/2026", "Nov 2, 2026", "2 Nov 2026", "November 2nd 2026" })
    void dates(String date) {
        assertEquals("2026-11-02", read("Invoice date: " + date + "\n1 x A @ 1.00").issueDate());
    }

    @Test
    void noDateIsNoDate() {
        assertNull(read("1 x A @ 1.00").issueDate());
    }

    @Test
    void aCorrectionRequestIsReadForTheInvoiceNotForTheNotesAfterIt() {
        String first = "Vendor: ACME\nInvoice number: 9\n2 x Hub @ 10.00 = 20.00\nSubtotal: 20.00\nTax: 2.00\n"
                + "Total: 22.00 EUR";
        String again = first + "\n\nYour previous extraction was:\n{\"vendor\":\"ACME\",\"total\":25.00}\n\n"
                + "It does not add up: subtotal 20.00 + tax 2.00 = 22.00 but total is 25.00.\nRead it again.";

        assertEquals(read(first), read(again));
    }

    @Test
    void numbersInDescriptionsStayInTheDescription() {
        List<InvoiceReader.Item> items = read("1 x USB-C Hub 7-in-1 @ 39.90\n2x 4K Monitor 27\" 199.00").items();
        assertItem(items.get(0), "USB-C Hub 7-in-1", "1", "39.90", "39.90");
        assertItem(items.get(1), "4K Monitor 27\"", "2", "199.00", "398.00");
    }
}
