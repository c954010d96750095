package dev.qwen.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tool calls the emulated model makes. The service's own order tools follow the order ids the user
 * names (one call per id, all at once unless {@code parallel_tool_calls} is false); any other tool is called
 * when the message mentions it ({@link ToolMentions}). A forced choice ({@code required}, or a tool's name)
 * always gets a call, after tool results too. Arguments fit the tool's JSON Schema ({@link SchemaInstance}).
 */
final class ToolCalls {

    static final Set<String> ORDER_TOOLS = Set.of("getOrder", "trackShipment", "checkStock", "requestRefund");

    private static final Pattern REFUND_WORDS = Pattern.compile(
            "\\b(refund\\w*|money back|reimburs\\w*|erstatt\\w*|rembours\\w*|reembols\\w*)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SHIPPING_WORDS = Pattern.compile(
            "\\b(track\\w*|where|wo|où|dónde|ship\\w*|deliver\\w*|parcel|package|carrier|arriv\\w*|eta|lieferung)\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:[.,]\\d{1,2})?)\\s*(?:€|eur|euro|usd|\\$)"
            + "|(?:€|\\$)\\s*(\\d+(?:[.,]\\d{1,2})?)", Pattern.CASE_INSENSITIVE);

    private final ObjectMapper json;

    ToolCalls(ObjectMapper json) {
        this.json = json;
    }

    /** Whether this reply calls tools at all: some are offered and allowed, and no result is in yet unless forced. */
    static boolean open(ChatRequestView c, List<JsonNode> results) {
        String choice = c.toolChoice();
        boolean forced = "required".equals(choice) || c.tools().contains(choice);
        return !c.tools().isEmpty() && !"none".equals(choice) && (results.isEmpty() || forced);
    }

    List<Reply.ToolCall> choose(ChatRequestView c) {
        String text = c.lastUser();
        String choice = c.toolChoice();
        List<String> offered = c.tools();
        List<String> ids = ChatRequestView.orderIds(text);
        if (ids.isEmpty() && ChatRequestView.skus(text).isEmpty()) {
            ids = c.orderIdsFromHistory(); // "where is it now?" after an earlier turn named the order
        }
        String firstId = ids.isEmpty() ? "A1001" : ids.get(0);
        List<Reply.ToolCall> calls = new ArrayList<>();
        if (offered.contains(choice)) {
            calls.add(call(0, c, choice, firstId));
            return calls;
        }
        calls.addAll(orderCalls(c, ids));
        if (calls.isEmpty()) {
            for (JsonNode function : ToolMentions.in(text, callerTools(c))) {
                calls.add(call(calls.size(), c, function.path("name").asText(), firstId));
            }
        }
        if (calls.isEmpty() && "required".equals(choice)) {
            String tool = offered.contains("getOrder") ? "getOrder" : offered.get(0);
            calls.add(call(0, c, tool, firstId));
        }
        if (!c.parallelToolCalls() && calls.size() > 1) {
            return List.of(calls.get(0));
        }
        return calls;
    }

    /** Offered tools other than the service's own, which follow order ids instead of mentions. */
    private static List<JsonNode> callerTools(ChatRequestView c) {
        return c.functions().stream().filter(f -> !ORDER_TOOLS.contains(f.path("name").asText())).toList();
    }

    /**
     * The order tools for the ids named: a refund request, a question about the parcel, else the order
     * itself; several orders with no narrower question get both lookups. SKUs get a stock check.
     */
    private List<Reply.ToolCall> orderCalls(ChatRequestView c, List<String> ids) {
        String text = c.lastUser();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean refund = REFUND_WORDS.matcher(lower).find();
        boolean shipping = SHIPPING_WORDS.matcher(lower).find();
        List<String> names = new ArrayList<>();
        List<String> forIds = new ArrayList<>();
        for (String id : ids) {
            String tool = refund ? "requestRefund" : shipping ? "trackShipment" : "getOrder";
            names.add(tool);
            forIds.add(id);
            if (!refund && !shipping && ids.size() > 1) {
                names.add("trackShipment");
                forIds.add(id);
            }
        }
        if (ids.isEmpty()) {
            for (String sku : ChatRequestView.skus(text)) {
                names.add("checkStock");
                forIds.add(sku);
            }
        }
        List<Reply.ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (c.tools().contains(names.get(i))) {
                calls.add(call(i, c, names.get(i), forIds.get(i))); // ids number what was planned, offered or not
            }
        }
        return calls;
    }

    private Reply.ToolCall call(int index, ChatRequestView c, String name, String orderIdOrSku) {
        JsonNode parameters = c.functions().stream().filter(f -> name.equals(f.path("name").asText()))
                .findFirst().map(f -> f.path("parameters")).orElse(json.missingNode());
        Map<String, Object> known = ORDER_TOOLS.contains(name) ? orderToolArguments(name, orderIdOrSku, c.lastUser())
                : null;
        Object args = known != null && fitsKnown(parameters, known) ? known : SchemaInstance.arguments(parameters, c.lastUser());
        try {
            return new Reply.ToolCall("call_" + index + "_" + name, name, json.writeValueAsString(args));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order tools' own arguments stand when the offered schema has no other properties in mind. */
    private static boolean fitsKnown(JsonNode parameters, Map<String, Object> known) {
        JsonNode properties = parameters.path("properties");
        return properties.isEmpty() || known.keySet().stream().allMatch(properties::has);
    }

    private static Map<String, Object> orderToolArguments(String tool, String orderIdOrSku, String text) {
        Map<String, Object> args = new LinkedHashMap<>();
        switch (tool) {
            case "checkStock" -> {
                List<String> skus = ChatRequestView.skus(text);
                args.put("sku", skus.isEmpty() ? "HUB-7" : skus.contains(orderIdOrSku) ? orderIdOrSku : skus.get(0));
            }
            case "requestRefund" -> {
                args.put("orderId", orderIdOrSku);
                Matcher m = AMOUNT.matcher(text);
                String amount = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)).replace(',', '.') : "10";
                args.put("amount", new BigDecimal(amount));
                args.put("reason", EmulatedQwen.abbreviate(text, 120));
            }
            default -> args.put("orderId", orderIdOrSku);
        }
        return args;
    }
}
