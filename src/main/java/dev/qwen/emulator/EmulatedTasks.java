package dev.qwen.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The typed tasks the emulator can do by rule: triage by keywords and invoices by parsing the text. */
final class EmulatedTasks {

    private EmulatedTasks() {
    }

    // ---- triage -----------------------------------------------------------------------------

    static ObjectNode triage(ObjectMapper json, String prompt) {
        String text = after(prompt, "Customer message:");
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
        Conversation.orderIds(text).forEach(ids::add);
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

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?");
    private static final Pattern LINE_ITEM = Pattern.compile(
            "^\\s*(?:[-*]\\s*)?(\\d+(?:[.,]\\d+)?)\\s*[x×]\\s+(.+?)\\s+(?:@|at|à)\\s*[€$£]?\\s*(\\d+(?:[.,]\\d+)?)"
                    + "(?:\\s*[€$£A-Z]{0,3})?(?:\\s*=\\s*[€$£]?\\s*(\\d+(?:[.,]\\d+)?))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INVOICE_NO = Pattern.compile(
            "(?i)invoice\\s*(?:no\\.?|number|nr\\.?|#)\\s*[:#]?\\s*([A-Za-z0-9][A-Za-z0-9/-]*)");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern EU_DATE = Pattern.compile("(\\d{2})[./](\\d{2})[./](\\d{4})");
    private static final Pattern CURRENCY = Pattern.compile("\\b(EUR|USD|GBP|CHF|INR|JPY|PLN|SEK)\\b");

    static ObjectNode invoice(ObjectMapper json, String prompt) {
        String text = after(prompt, "Invoice text:");
        int previous = text.indexOf("Your previous extraction was:");
        if (previous >= 0) {
            text = text.substring(0, previous);
        }
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        ObjectNode out = json.createObjectNode();
        out.put("vendor", vendor(lines));
        Matcher no = INVOICE_NO.matcher(text);
        out.put("invoiceNumber", no.find() ? no.group(1) : "UNKNOWN");
        out.put("issueDate", date(text));
        out.put("currency", currency(text));
        ArrayNode items = out.putArray("lineItems");
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal subtotal = null;
        BigDecimal tax = null;
        BigDecimal total = null;
        for (String line : lines) {
            Matcher item = LINE_ITEM.matcher(line);
            String lower = line.toLowerCase(Locale.ROOT);
            if (item.find()) {
                BigDecimal quantity = number(item.group(1));
                BigDecimal unit = number(item.group(3));
                BigDecimal amount = item.group(4) != null ? number(item.group(4))
                        : quantity.multiply(unit).setScale(2, RoundingMode.HALF_UP);
                ObjectNode li = items.addObject();
                li.put("description", item.group(2).strip());
                li.put("quantity", quantity);
                li.put("unitPrice", unit);
                li.put("amount", amount);
                sum = sum.add(amount);
            } else if (lower.startsWith("subtotal") || lower.startsWith("net")) {
                subtotal = lastNumber(line);
            } else if (lower.startsWith("tax") || lower.startsWith("vat") || lower.startsWith("gst")) {
                tax = lastNumber(line);
            } else if (lower.startsWith("total") || lower.startsWith("amount due") || lower.startsWith("grand total")) {
                total = lastNumber(line);
            }
        }
        subtotal = subtotal != null ? subtotal : sum;
        tax = tax != null ? tax : BigDecimal.ZERO;
        out.put("subtotal", subtotal);
        out.put("tax", tax);
        out.put("total", total != null ? total : subtotal.add(tax));
        return out;
    }

    private static String vendor(List<String> lines) {
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("vendor:") || lower.startsWith("from:") || lower.startsWith("seller:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return lines.isEmpty() ? "UNKNOWN" : lines.get(0);
    }

    private static String date(String text) {
        Matcher iso = ISO_DATE.matcher(text);
        if (iso.find()) {
            return iso.group();
        }
        Matcher eu = EU_DATE.matcher(text);
        return eu.find() ? eu.group(3) + "-" + eu.group(2) + "-" + eu.group(1) : "1970-01-01";
    }

    private static String currency(String text) {
        Matcher m = CURRENCY.matcher(text);
        if (m.find()) {
            return m.group(1);
        }
        return text.contains("€") ? "EUR" : text.contains("£") ? "GBP" : text.contains("₹") ? "INR" : "USD";
    }

    private static BigDecimal lastNumber(String line) {
        Matcher m = NUMBER.matcher(line.replaceAll("\\d+(?:[.,]\\d+)?\\s*%", ""));
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last == null ? null : number(last);
    }

    private static BigDecimal number(String s) {
        return new BigDecimal(s.replace(',', '.'));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String after(String prompt, String marker) {
        int at = prompt.indexOf(marker);
        return at >= 0 ? prompt.substring(at + marker.length()).strip() : prompt;
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
