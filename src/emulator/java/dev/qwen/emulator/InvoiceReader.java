package dev.qwen.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an invoice out of free text the way people write one, deterministically. Line items in the common
 * forms: {@code 2 x USB-C Hub @ 39.90 = 79.80}, {@code 2x Hub 39.90}, {@code Hub 2 @ 39.90},
 * {@code Hub: 2 x 39.90}, a table ({@code USB-C Hub | 2 | 39.90 | 79.80}, or columns separated by tabs or
 * several spaces, with or without a header row that names the columns), and a plain
 * {@code Shipping 4.90} before the totals. Amounts may carry a currency code or symbol before or after
 * ({@code EUR 79.80}, {@code 79.80 EUR}, {@code €79.80}, {@code $ 9.90}) and thousands separators
 * ({@code 1,299.00}, {@code 1.299,00}). Totals lines in the usual words: Subtotal, Sub-total, Net, VAT 19%,
 * Tax, GST, Total, Amount due, Grand total... What is written is copied; what is missing is computed from
 * its parts (a line amount from quantity and unit price, the subtotal from the lines, tax from a rate, the
 * total from subtotal and tax), so a consistent invoice always reads back consistent and an inconsistent
 * one is not silently repaired.
 */
final class InvoiceReader {

    record Item(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    record Invoice(String vendor, String invoiceNumber, String issueDate, String currency, List<Item> items,
            BigDecimal subtotal, BigDecimal tax, BigDecimal total) {
    }

    private InvoiceReader() {
    }

    // ---- amounts ------------------------------------------------------------------------------

    private static final String CODES = "EUR|USD|GBP|CHF|INR|JPY|CNY|PLN|SEK|NOK|DKK|CZK|HUF|CAD|AUD|NZD|SGD|HKD"
            + "|ZAR|BRL|MXN|AED|TRY|RON|BGN|ILS|KRW";
    private static final String CURRENCY = "(?:US\\$|[€$£₹¥]|(?<![A-Za-z])(?:" + CODES + ")(?![A-Za-z]))";
    private static final String NUMBER = "\\d{1,3}(?:[,.'’]\\d{3})+(?:[.,]\\d{1,4})?|\\d+(?:[.,]\\d{1,4})?";
    /** An amount: a number with an optional currency before or after it. Group 1 is the number. */
    private static final Pattern MONEY = Pattern.compile(
            "(?:" + CURRENCY + "\\s?)?(-?(?:" + NUMBER + "))(?:\\s?" + CURRENCY + ")?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s?%");
    private static final Pattern CURRENCY_TOKEN = Pattern.compile(CURRENCY);
    private static final Map<String, String> SYMBOLS = Map.of("€", "EUR", "$", "USD", "US$", "USD", "£", "GBP",
            "₹", "INR", "¥", "JPY");

    /** The amounts of a line in order, percentages left out. */
    static List<Amount> amounts(String line) {
        List<Amount> out = new ArrayList<>();
        Matcher m = MONEY.matcher(PERCENT.matcher(line).replaceAll(p -> " ".repeat(p.group().length())));
        while (m.find()) {
            boolean glued = m.start() > 0 && Character.isLetterOrDigit(line.charAt(m.start() - 1))
                    && !CURRENCY_TOKEN.matcher(m.group()).lookingAt();
            if (glued) {
                continue; // a digit inside a word, like the 7 of "7-in-1" seen from "in-1"
            }
            out.add(new Amount(number(m.group(1)), m.start(), m.end(), currencyOf(m.group())));
        }
        return out;
    }

    record Amount(BigDecimal value, int start, int end, String currency) {
        boolean looksLikeMoney() {
            return currency != null || value.scale() >= 2;
        }
    }

    /** A number as written in either convention: the later of '.' and ',' is the decimal separator. */
    static BigDecimal number(String text) {
        String s = text.replace("'", "").replace("’", "").strip();
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        if (dot >= 0 && comma >= 0) {
            s = dot > comma ? s.replace(",", "") : s.replace(".", "").replace(',', '.');
        } else if (comma >= 0) {
            s = s.matches("-?\\d{1,3}(,\\d{3})+") ? s.replace(",", "") : s.replace(',', '.');
        } else if (s.matches("-?\\d{1,3}(\\.\\d{3}){2,}")) {
            s = s.replace(".", "");
        }
        return new BigDecimal(s);
    }

    private static String currencyOf(String money) {
        Matcher m = CURRENCY_TOKEN.matcher(money);
        if (!m.find()) {
            return null;
        }
        return SYMBOLS.getOrDefault(m.group(), m.group());
    }

    // ---- totals lines -------------------------------------------------------------------------

    enum Summary {
        SUBTOTAL,
        TAX,
        TOTAL
    }

    private static final Set<String> TAX_WORDS = Set.of("vat", "tax", "taxes", "gst", "hst", "pst", "qst", "mwst",
            "ust", "iva", "tva", "btw", "moms");
    /** Every word a totals line may consist of (numbers, rates, currencies and punctuation aside). */
    private static final Set<String> SUMMARY_WORDS = Set.of("sub", "subtotal", "net", "total", "totals", "grand",
            "amount", "due", "balance", "invoice", "incl", "including", "inclusive", "included", "excl", "excluding",
            "exclusive", "before", "after", "plus", "on", "of", "at", "rate", "payable", "to", "pay", "sum", "the",
            "in", "gross", "value", "added", "ex", "without", "w", "o", "sales", "goods", "services", "and", "zwischensumme",
            "summe", "gesamt", "netto", "brutto", "gesamtbetrag", "betrag");

    /** What a line is when it is a subtotal, tax or total line, else null. */
    static Summary summary(String line) {
        if (DateReader.hasDate(line)) {
            return null; // "Due: 2026-12-01" is a date, not an amount
        }
        String words = MONEY.matcher(PERCENT.matcher(line).replaceAll(" ")).replaceAll(" ")
                .toLowerCase(Locale.ROOT).replaceAll("(?<![a-z])(?:" + CODES.toLowerCase(Locale.ROOT) + ")(?![a-z])", " ");
        List<String> list = Arrays.stream(words.split("[^\\p{L}]+")).filter(w -> !w.isEmpty()).toList();
        if (list.isEmpty()) {
            return null;
        }
        for (String w : list) {
            if (!SUMMARY_WORDS.contains(w) && !TAX_WORDS.contains(w)) {
                return null;
            }
        }
        boolean tax = list.stream().anyMatch(TAX_WORDS::contains);
        boolean total = list.contains("total") || list.contains("totals") || list.contains("due")
                || list.contains("payable") || list.contains("grand") || list.contains("gross") || list.contains("pay")
                || list.contains("gesamt") || list.contains("gesamtbetrag") || list.contains("brutto");
        boolean inclusive = list.contains("incl") || list.contains("including") || list.contains("inclusive")
                || list.contains("included");
        boolean exclusive = list.contains("excl") || list.contains("excluding") || list.contains("exclusive")
                || list.contains("before") || list.contains("ex") || list.contains("without");
        if (list.contains("subtotal") || list.contains("sub") || list.contains("net") || list.contains("netto")
                || list.contains("zwischensumme") || (total || list.contains("sum") || list.contains("amount")) && exclusive) {
            return Summary.SUBTOTAL;
        }
        if (tax && !(total && inclusive)) {
            return Summary.TAX;
        }
        if (total || list.contains("summe")) {
            return Summary.TOTAL;
        }
        return null;
    }

    // ---- line items ---------------------------------------------------------------------------

    private static final String QTY = "\\d+(?:[.,]\\d+)?";
    private static final String PER = "(?:[xX×]|pcs?\\.?|pieces?|units?|items?|stk\\.?|qty)";
    /** {@code 2 x Hub ...}, {@code 2x Hub ...}, {@code 2 pcs Hub ...}: quantity first. */
    private static final Pattern QTY_FIRST = Pattern.compile(
            "^(?:[-*•]\\s*)?(" + QTY + ")\\s*" + PER + "(?=[\\s\\d]|$)\\s*(.+)$");
    /** {@code Hub 2 @ 39.90}, {@code Hub: 2 x 39.90 = 79.80}, {@code Hub x2 at 39.90 each}: quantity after. */
    private static final Pattern QTY_AFTER = Pattern.compile(
            "^(?:[-*•]\\s*)?(.*?[\\p{L}\\p{N})].*?)[\\s:,(\\-–]+(?:[xX×]\\s?)?(" + QTY + ")\\s*(?:" + PER + ")?\\s*"
                    + "(?:@|\\bat\\b|à|[xX×])\\s*(.+)$");
    private static final Pattern AT = Pattern.compile("\\s*(?:@|\\bat\\b|à|\\bper\\b|\\bfor\\b)\\s*");
    private static final Pattern EQUALS = Pattern.compile("=|→|->");

    /** A line item written in one of the running-text forms, or null. */
    static Item item(String line) {
        Matcher first = QTY_FIRST.matcher(line);
        if (first.matches()) {
            Item item = quantityFirst(number(first.group(1)), first.group(2));
            if (item != null) {
                return item;
            }
        }
        Matcher after = QTY_AFTER.matcher(line);
        if (after.matches()) {
            List<Amount> rest = amounts(after.group(3));
            if (!rest.isEmpty() && rest.get(0).start() == 0) {
                BigDecimal quantity = number(after.group(2));
                BigDecimal unit = rest.get(0).value();
                BigDecimal amount = rest.size() > 1 ? rest.get(rest.size() - 1).value() : null;
                return complete(clean(after.group(1)), quantity, unit, amount);
            }
        }
        return null;
    }

    /** After {@code 2 x}: {@code Hub @ 39.90 = 79.80}, {@code Hub 39.90}, {@code Hub 39.90 79.80}, {@code Hub = 79.80}. */
    private static Item quantityFirst(BigDecimal quantity, String rest) {
        Matcher at = AT.matcher(rest);
        while (at.find()) {
            List<Amount> priced = amounts(rest.substring(at.end()));
            if (!priced.isEmpty() && priced.get(0).start() == 0 && at.start() > 0) {
                BigDecimal amount = priced.size() > 1 ? priced.get(priced.size() - 1).value() : null;
                return complete(clean(rest.substring(0, at.start())), quantity, priced.get(0).value(), amount);
            }
        }
        List<Amount> amounts = amounts(rest);
        if (amounts.isEmpty() || !rest.substring(amounts.get(amounts.size() - 1).end()).matches(
                "\\s*(?:each|ea\\.?|/\\s*(?:ea|unit|pc|pcs))?\\s*")) {
            return null; // the line does not end with an amount
        }
        Amount last = amounts.get(amounts.size() - 1);
        if (amounts.size() >= 2) {
            Amount before = amounts.get(amounts.size() - 2);
            String between = rest.substring(before.end(), last.start());
            boolean adjacent = between.isBlank() || EQUALS.matcher(between).find() && between.strip().length() <= 2;
            if (adjacent && (EQUALS.matcher(between).find() || consistent(quantity, before.value(), last.value()))) {
                return complete(clean(rest.substring(0, before.start())), quantity, before.value(), last.value());
            }
        }
        String head = rest.substring(0, last.start());
        Matcher equals = Pattern.compile("\\s*(?:=|→|->)\\s*$").matcher(head);
        if (equals.find()) {
            return complete(clean(head.substring(0, equals.start())), quantity, null, last.value());
        }
        return complete(clean(head), quantity, last.value(), null);
    }

    private static boolean consistent(BigDecimal quantity, BigDecimal unit, BigDecimal amount) {
        return quantity.multiply(unit).subtract(amount).abs().compareTo(new BigDecimal("0.01")) <= 0;
    }

    private static Item complete(String description, BigDecimal quantity, BigDecimal unit, BigDecimal amount) {
        if (description.isEmpty() || !description.matches("(?s).*\\p{L}.*") || quantity.signum() == 0) {
            return null;
        }
        BigDecimal u = unit != null ? unit : amount.divide(quantity, 2, RoundingMode.HALF_UP);
        BigDecimal a = amount != null ? amount : quantity.multiply(u).setScale(2, RoundingMode.HALF_UP);
        return new Item(description, quantity, u, a);
    }

    private static String clean(String description) {
        return description.replaceAll("^[\\s\\-*•|]+|[\\s:,;(|\\-–]+$", "").replaceAll("\\s+", " ");
    }

    // ---- tables -------------------------------------------------------------------------------

    private static final Pattern SEPARATOR_ROW = Pattern.compile("^[\\s|:+\\-=]+$");

    /** Columns of a table row: cells split by '|', tabs, or runs of three or more spaces; null when not a row. */
    static List<String> cells(String raw) {
        String line = raw.strip();
        List<String> cells;
        if (line.indexOf('|') >= 0) {
            cells = new ArrayList<>(Arrays.asList(line.split("\\|", -1)));
        } else if (line.indexOf('\t') >= 0 || line.contains("   ")) {
            cells = new ArrayList<>(Arrays.asList(line.split("\\t+|\\s{3,}", -1)));
        } else {
            return null;
        }
        cells.replaceAll(String::strip);
        while (!cells.isEmpty() && cells.get(0).isEmpty()) {
            cells.remove(0);
        }
        while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return cells.size() >= 2 ? cells : null;
    }

    /** Column positions named by a header row. */
    record Columns(int description, int quantity, int unitPrice, int amount) {

        static Columns of(List<String> header) {
            int description = -1;
            int quantity = -1;
            int unit = -1;
            int amount = -1;
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).toLowerCase(Locale.ROOT);
                if (h.matches(".*\\b(qty|quantity|qnty|units|pcs|count|menge|anzahl)\\b.*")) {
                    quantity = quantity < 0 ? i : quantity;
                } else if (h.matches(".*\\b(unit ?price|price|rate|unit cost|each|per unit|einzelpreis|preis|unit)\\b.*")) {
                    unit = unit < 0 ? i : unit;
                } else if (h.matches(".*\\b(amount|total|line total|sum|subtotal|net|betrag|gesamt|summe)\\b.*")) {
                    amount = i;
                } else if (h.matches(".*\\b(description|item|items|product|article|service|services|name|details|"
                        + "position|bezeichnung|artikel|leistung)\\b.*")) {
                    description = description < 0 ? i : description;
                }
            }
            if (quantity < 0 && unit < 0 && amount < 0) {
                return null;
            }
            return new Columns(description, quantity, unit, amount);
        }
    }

    static boolean isHeader(List<String> cells) {
        return cells.stream().noneMatch(c -> c.matches(".*\\d.*")) && Columns.of(cells) != null;
    }

    /** A table row as a line item, with the header's column positions when there was one. */
    static Item row(List<String> cells, Columns columns) {
        if (columns != null) {
            String description = cell(cells, columns.description());
            if (description == null) {
                description = cells.stream().filter(c -> c.matches(".*\\p{L}.*") && amounts(c).isEmpty()).findFirst()
                        .orElse(null);
            }
            BigDecimal quantity = quantity(cell(cells, columns.quantity()));
            BigDecimal unit = value(cell(cells, columns.unitPrice()));
            BigDecimal amount = value(cell(cells, columns.amount()));
            if (description == null || unit == null && amount == null) {
                return null;
            }
            return complete(clean(description), quantity == null ? BigDecimal.ONE : quantity, unit, amount);
        }
        String description = null;
        List<BigDecimal> numbers = new ArrayList<>();
        for (String cell : cells) {
            BigDecimal v = value(cell);
            if (v != null) {
                numbers.add(v);
            } else if (description == null && cell.matches(".*\\p{L}.*")) {
                description = cell;
            }
        }
        if (description == null || numbers.isEmpty()) {
            return null;
        }
        return switch (numbers.size()) {
            case 1 -> complete(clean(description), BigDecimal.ONE, numbers.get(0), numbers.get(0));
            case 2 -> complete(clean(description), numbers.get(0), numbers.get(1), null);
            default -> complete(clean(description), numbers.get(numbers.size() - 3), numbers.get(numbers.size() - 2),
                    numbers.get(numbers.size() - 1));
        };
    }

    /** A quantity cell: a number, perhaps with a unit ({@code 2 pcs}). */
    private static BigDecimal quantity(String cell) {
        if (cell == null) {
            return null;
        }
        Matcher m = Pattern.compile("(" + QTY + ")\\s*\\p{L}*\\.?").matcher(cell.strip());
        return m.matches() ? number(m.group(1)) : null;
    }

    private static String cell(List<String> cells, int index) {
        return index >= 0 && index < cells.size() && !cells.get(index).isEmpty() ? cells.get(index) : null;
    }

    /** A cell that is one amount and nothing else, or null. */
    private static BigDecimal value(String cell) {
        if (cell == null) {
            return null;
        }
        Matcher m = MONEY.matcher(cell.strip());
        return m.matches() ? number(m.group(1)) : null;
    }

    // ---- the whole invoice --------------------------------------------------------------------

    private static final Pattern INVOICE_NO = Pattern.compile(
            "(?i)\\b(?:invoice|inv\\.?|bill|receipt|rechnung)\\s*(?:no\\.?|number|nr\\.?|num\\.?|#|id)?\\s*[:#.]?\\s*"
                    + "(?=[A-Za-z0-9/._-]*\\d)([A-Za-z0-9][A-Za-z0-9/._-]*)");
    private static final Pattern VENDOR = Pattern.compile(
            "(?i)^(?:vendor|from|seller|supplier|issued by|billed by|sold by|company|merchant|payee)\\s*:\\s*(.+)$");
    private static final Set<String> NOT_AN_ITEM = Set.of("invoice", "inv", "no", "nr", "number", "date", "phone",
            "tel", "fax", "iban", "bic", "swift", "account", "customer", "client", "order", "po", "page", "ref",
            "reference", "id", "zip", "postcode", "email", "terms", "payment", "paid", "due", "vendor", "from", "to",
            "bill", "ship", "seller", "supplier");

    static Invoice read(String text) {
        List<String> lines = text.lines()
                .map(l -> l.replace('\u00a0', ' ').replace("**", "").replace("__", "").stripTrailing())
                .filter(l -> !l.isBlank())
                .filter(l -> !l.strip().startsWith("{") && !l.strip().startsWith("[")) // JSON is not invoice text
                .toList();
        List<Item> items = new ArrayList<>();
        BigDecimal subtotal = null;
        BigDecimal tax = null;
        BigDecimal taxRate = null;
        BigDecimal total = null;
        String currency = null;
        boolean summaries = false;
        Columns columns = null;
        String vendor = null;
        String fallbackVendor = null;
        for (String raw : lines) {
            String line = raw.strip();
            List<String> cells = cells(raw);
            String flat = cells == null ? line : String.join(" ", cells);
            List<Amount> amounts = amounts(flat);
            Summary summary = summary(flat);
            if (summary != null) {
                summaries |= !amounts.isEmpty();
                Amount last = amounts.isEmpty() ? null : amounts.get(amounts.size() - 1);
                currency = currency != null ? currency : last == null ? null : last.currency();
                switch (summary) {
                    case SUBTOTAL -> subtotal = last == null ? subtotal : last.value();
                    case TOTAL -> total = last == null ? total : last.value();
                    case TAX -> {
                        if (last != null) {
                            tax = tax == null ? last.value() : tax.add(last.value());
                        } else {
                            Matcher rate = PERCENT.matcher(flat);
                            taxRate = rate.find() ? number(rate.group(1)) : taxRate;
                        }
                    }
                }
                continue;
            }
            Item item = null;
            if (cells != null) {
                if (SEPARATOR_ROW.matcher(line).matches()) {
                    continue;
                }
                if (isHeader(cells)) {
                    columns = Columns.of(cells);
                    continue;
                }
                item = row(cells, columns);
            }
            if (item == null) {
                item = item(line);
            }
            if (item == null && !summaries) {
                item = plainCharge(line, amounts);
            }
            if (item != null) {
                items.add(item);
                currency = currency != null ? currency
                        : amounts.stream().map(Amount::currency).filter(c -> c != null).findFirst().orElse(null);
                continue;
            }
            Matcher labelled = VENDOR.matcher(line);
            if (vendor == null && labelled.matches()) {
                vendor = labelled.group(1).strip();
            } else if (fallbackVendor == null && looksLikeAName(line)) {
                fallbackVendor = line;
            }
        }
        BigDecimal lineSum = items.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (subtotal == null) {
            subtotal = !items.isEmpty() || total == null ? lineSum : total.subtract(tax == null ? BigDecimal.ZERO : tax);
        }
        if (tax == null) {
            tax = taxRate == null ? BigDecimal.ZERO
                    : subtotal.multiply(taxRate).divide(new BigDecimal(100), 2, RoundingMode.HALF_UP);
        }
        if (total == null) {
            total = subtotal.add(tax);
        }
        return new Invoice(vendor != null ? vendor : fallbackVendor != null ? fallbackVendor : "UNKNOWN",
                invoiceNumber(lines), DateReader.issueDate(lines),
                currency != null ? currency : anyCurrency(String.join("\n", lines)), items, subtotal, tax, total);
    }

    /** {@code Shipping 4.90}, {@code Discount: -5.00 EUR}: one description and one amount, before the totals. */
    private static Item plainCharge(String line, List<Amount> amounts) {
        if (amounts.size() != 1 || !amounts.get(0).looksLikeMoney()) {
            return null;
        }
        Amount amount = amounts.get(0);
        String description = clean(line.substring(0, amount.start()));
        String after = line.substring(amount.end()).strip();
        if (!after.isEmpty() || description.matches(".*\\d.*")) {
            return null;
        }
        for (String word : description.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (NOT_AN_ITEM.contains(word)) {
                return null;
            }
        }
        return complete(description, BigDecimal.ONE, amount.value(), amount.value());
    }

    private static boolean looksLikeAName(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return line.matches(".*\\p{L}.*") && !line.endsWith(":") && !line.contains(":")
                && !lower.matches("(?s).*\\b(invoice|rechnung|receipt|bill)\\b.*") && amounts(line).isEmpty();
    }

    private static String invoiceNumber(List<String> lines) {
        for (String line : lines) {
            Matcher m = INVOICE_NO.matcher(line);
            if (m.find()) {
                return m.group(1).replaceAll("[.,;]+$", "");
            }
        }
        return "UNKNOWN";
    }

    private static String anyCurrency(String text) {
        Matcher m = CURRENCY_TOKEN.matcher(text);
        return m.find() ? SYMBOLS.getOrDefault(m.group(), m.group()) : "USD";
    }
}
