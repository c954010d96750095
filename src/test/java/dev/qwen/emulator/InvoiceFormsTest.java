package dev.qwen.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A newcomer's own invoices through {@code POST /api/v1/invoices/extract} and the emulator: line items
 * written in each common way come back with the same numbers, consistent, never 422.
 */
@QuarkusTest
class InvoiceFormsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2 x USB-C Hub @ 39.90 = 79.80\n1 x Cable @ 9.90 = 9.90",
            "2x USB-C Hub 39.90\n1x Cable 9.90",
            "USB-C Hub 2 @ 39.90\nCable 1 @ 9.90",
            "USB-C Hub | 2 | 39.90 | 79.80\nCable | 1 | 9.90 | 9.90",
            "Description | Qty | Unit price | Amount\n--- | --- | --- | ---\nUSB-C Hub | 2 | 39.90 | 79.80\nCable | 1 | 9.90 | 9.90",
            "2 x USB-C Hub @ EUR 39.90 = EUR 79.80\n1 x Cable @ EUR 9.90 = EUR 9.90",
            "2 x USB-C Hub @ 39.90 EUR = 79.80 EUR\n1 x Cable @ 9.90 EUR = 9.90 EUR",
            "2 x USB-C Hub @ €39.90\n1 x Cable @ € 9.90" })
    void lineItemsInEachCommonForm(String items) {
        String text = "ACME GmbH\nInvoice no. 2026-17\nDate: 02.11.2026\n" + items + "\nSub-total: 89.70\n"
                + "VAT 19%: 17.04\nAmount due: EUR 106.74";
        given().contentType("application/json").body(java.util.Map.of("text", text))
                .post("/api/v1/invoices/extract").then()
                .statusCode(200)
                .body("vendor", is("ACME GmbH"))
                .body("invoiceNumber", is("2026-17"))
                .body("issueDate", is("2026-11-02"))
                .body("currency", is("EUR"))
                .body("lineItems.size()", is(2))
                .body("lineItems[0].description", is("USB-C Hub"))
                .body("lineItems[0].quantity", is(2))
                .body("lineItems[0].unitPrice", is(39.90f))
                .body("lineItems[0].amount", is(79.80f))
                .body("lineItems[1].description", is("Cable"))
                .body("lineItems[1].amount", is(9.90f))
                .body("subtotal", is(89.70f))
                .body("tax", is(17.04f))
                .body("total", is(106.74f));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1 x Laptop @ USD 1,299.00\nTotal: USD 1,299.00",
            "Laptop | 1 | $1,299.00 | $1,299.00\nGrand total: $ 1,299.00",
            "Laptop 1 @ 1,299.00 USD\nTotal 1,299.00 USD" })
    void thousandsSeparatorsAndAMissingSubtotal(String items) {
        given().contentType("application/json").body(java.util.Map.of("text", "Vendor: Laptops Inc\n" + items))
                .post("/api/v1/invoices/extract").then()
                .statusCode(200)
                .body("currency", is("USD"))
                .body("lineItems[0].unitPrice", is(1299.0f))
                .body("subtotal", is(1299.0f))
                .body("tax", is(0))
                .body("total", is(1299.0f));
    }
}
