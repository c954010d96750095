package dev.qwen.emulator;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which typed task a request is, told by the shape of the answer it asks for (the JSON schema's property
 * names, else its name), never by prompt wording: a schema with {@code category} and {@code priority} is a
 * triage, one with {@code lineItems} or {@code invoiceNumber} an invoice, one with {@code orders} and
 * {@code suggestedActions} an order review. Any other schema gets an answer that fits it.
 */
enum TypedTask {
    TRIAGE,
    INVOICE,
    ORDER_REVIEW,
    OTHER;

    static TypedTask of(Optional<JsonNode> schema, String schemaName) {
        Set<String> properties = new HashSet<>();
        schema.ifPresent(s -> {
            for (Iterator<String> it = s.path("properties").fieldNames(); it.hasNext();) {
                properties.add(it.next());
            }
        });
        if (properties.contains("lineItems") || properties.contains("invoiceNumber")
                || properties.containsAll(Set.of("subtotal", "total"))) {
            return INVOICE;
        }
        if (properties.contains("suggestedActions")
                || properties.contains("orders") && !properties.contains("category")) {
            return ORDER_REVIEW;
        }
        if (properties.contains("category") && (properties.contains("priority") || properties.contains("sentiment"))) {
            return TRIAGE;
        }
        if (!properties.isEmpty()) {
            return OTHER;
        }
        String name = schemaName.toLowerCase(Locale.ROOT);
        return name.contains("invoice") ? INVOICE
                : name.contains("review") ? ORDER_REVIEW : name.contains("triage") ? TRIAGE : OTHER;
    }
}
