package dev.qwen.emulator;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The typed tasks the emulator can do by rule, each on the user's text: triage by keywords and invoices by
 * {@link InvoiceReader}.
 */
final class EmulatedTasks {

    private EmulatedTasks() {
    }

    // ---- triage -----------------------------------------------------------------------------

    static ObjectNode triage(ObjectMapper json, String userText) {
        String text = withoutHeading(userText);
        String lower = text.toLowerCase(Locale.ROOT);
        String sentiment = has(lower, "angry", "terrible", "awful", "worst", "broken", "disappointed",
                "unacceptable", "furious", "never arrived", "still not", "kaputt", "enttäuscht")
                        ? "NEGATIVE"
                        : has(lower, "thank", "great", "love", "excellent", "happy", "awesome", "danke") ? "POSITIVE"
                                : "NEUTRAL";
        String category = has(lower, "refund", "money back", "return", "erstattung", "rembourse") ? "REFUND"
                : has(lower, "track", "shipping", "delivery", "deliver", "carrier", "parcel", "package", "lieferung",
                        "livraison") ? "SHIPPING"
                        : has(lower, "account", "password", "login", "log in", "sign in", "e-mail address", "konto")
                                ? "ACCOUNT"
                                : has(lower, "broken", "defect", "not working", "doesn't work", "stock", "product",
                                        "kaputt") ? "PRODUCT"
                                        : has(lower, "order", "bestellung", "commande", "pedido") ? "ORDER_STATUS"
                                                : "OTHER";
        String priority = has(lower, "urgent", "asap", "immediately", "emergency", "dringend", "urgente") ? "URGENT"
                : "NEGATIVE".equals(sentiment) || "REFUND".equals(category) ? "HIGH"
                        : text.strip().endsWith("?") ? "LOW" : "MEDIUM";
        ObjectNode out = json.createObjectNode();
        out.put("category", category);
        out.put("priority", priority);
        out.put("sentiment", sentiment);
        out.put("summary", "Customer message about " + category.toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                + EmulatedQwen.abbreviate(firstSentence(text), 160));
        ArrayNode ids = out.putArray("orderIds");
        ChatRequestView.orderIds(text).forEach(ids::add);
        out.put("language", language(lower));
        return out;
    }

    private static String language(String lower) {
        String[] words = lower.split("[^\\p{L}]+");
        int de = count(words, "ich", "und", "nicht", "meine", "mein", "bestellung", "ist", "wo", "der", "die", "das");
        int fr = count(words, "je", "mon", "ma", "commande", "est", "pas", "où", "le", "la", "les");
        int es = count(words, "mi", "pedido", "dónde", "el", "los", "las", "está", "por", "favor");
        if (de >= 2 && de >= fr && de >= es) {
            return "de";
        }
        if (fr >= 2 && fr >= es) {
            return "fr";
        }
        return es >= 2 ? "es" : "en";
    }

    // ---- invoices ---------------------------------------------------------------------------

    static ObjectNode invoice(ObjectMapper json, String userText) {
        InvoiceReader.Invoice invoice = InvoiceReader.read(userText);
        ObjectNode out = json.createObjectNode();
        out.put("vendor", invoice.vendor());
        out.put("invoiceNumber", invoice.invoiceNumber());
        if (invoice.issueDate() == null) {
            out.putNull("issueDate");
        } else {
            out.put("issueDate", invoice.issueDate());
        }
        out.put("currency", invoice.currency());
        ArrayNode items = out.putArray("lineItems");
        for (InvoiceReader.Item item : invoice.items()) {
            items.addObject().put("description", item.description()).put("quantity", item.quantity())
                    .put("unitPrice", item.unitPrice()).put("amount", item.amount());
        }
        out.put("subtotal", invoice.subtotal());
        out.put("tax", invoice.tax());
        out.put("total", invoice.total());
        return out;
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The text without a first line that only announces it ("Message:"), as a summary should quote it. */
    private static String withoutHeading(String text) {
        String t = text.strip();
        int newline = t.indexOf('\n');
        if (newline > 0 && t.substring(0, newline).strip().endsWith(":")) {
            return t.substring(newline + 1).strip();
        }
        return t;
    }

    private static boolean has(String lower, String... words) {
        for (String w : words) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static int count(String[] words, String... markers) {
        int n = 0;
        for (String w : words) {
            for (String m : markers) {
                if (w.equals(m)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String firstSentence(String text) {
        String t = text.strip();
        int end = t.indexOf(". ");
        return end > 0 ? t.substring(0, end + 1) : t;
    }
}
