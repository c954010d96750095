package dev.qwen.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator tells tasks apart by what is stable in a request (the schema asked for, the tools offered,
 * the ids the user names), whatever the prompts say.
 */
class TaskRecognitionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRIAGE = "{\"type\":\"object\",\"properties\":{\"category\":{\"type\":\"string\",\"enum\":"
            + "[\"ORDER_STATUS\",\"SHIPPING\",\"REFUND\",\"PRODUCT\",\"ACCOUNT\",\"OTHER\"]},\"priority\":{\"type\":"
            + "\"string\"},\"sentiment\":{\"type\":\"string\"},\"summary\":{\"type\":\"string\"},\"orderIds\":{\"type\":"
            + "\"array\",\"items\":{\"type\":\"string\"}},\"language\":{\"type\":\"string\"}}}";
    static final String INVOICE = "{\"type\":\"object\",\"properties\":{\"vendor\":{\"type\":\"string\"},\"invoiceNumber\":"
            + "{\"type\":\"string\"},\"lineItems\":{\"type\":\"array\"},\"subtotal\":{\"type\":\"number\"},\"tax\":{\"type\":"
            + "\"number\"},\"total\":{\"type\":\"number\"}}}";
    static final String REVIEW = "{\"type\":\"object\",\"properties\":{\"orders\":{\"type\":\"array\"},\"summary\":"
            + "{\"type\":\"string\"},\"suggestedActions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    static ObjectNode request(String system, String user) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        return body;
    }

    static ObjectNode withSchema(ObjectNode body, String name, String schema) throws Exception {
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", name).set("schema", JSON.readTree(schema));
        return body;
    }

    static ObjectNode withSchemaInPrompt(String system, String user, String schema) {
        ObjectNode body = request(system + "\n\nReply with JSON that fits " + schema + " and nothing else.", user);
        body.putObject("response_format").put("type", "json_object");
        return body;
    }

    static JsonNode answer(ObjectNode body) throws Exception {
        return JSON.readTree(new EmulatedQwen(JSON).reply(new ChatRequestView(body), false).content());
    }

    static List<Reply.ToolCall> calls(ObjectNode body) {
        return new EmulatedQwen(JSON).reply(new ChatRequestView(body), false).toolCalls();
    }

    @Test
    void theSchemasPropertiesNameTheTaskWhateverItIsCalledAndWhateverThePromptsSay() throws Exception {
        JsonNode triage = answer(withSchema(request("Be brief.", "My parcel A1001 never arrived, where is it?"),
                "Answer", TRIAGE));
        assertEquals("SHIPPING", triage.path("category").asText());
        assertEquals("A1001", triage.path("orderIds").path(0).asText());

        JsonNode invoice = answer(withSchema(request(null, "ACME Ltd\n2 x Hub @ 10.00\nTax: 2.00\nTotal: 22.00 GBP"),
                "Result", INVOICE));
        assertEquals("ACME Ltd", invoice.path("vendor").asText());
        assertEquals(22.0, invoice.path("total").asDouble());
        assertEquals("GBP", invoice.path("currency").asText());

        JsonNode review = answer(withSchema(request(null, "A1001 and Z9999 please.\n"
                + "{\"orderId\":\"A1001\",\"status\":\"PAID\",\"items\":[]}"), "x", REVIEW));
        assertEquals("PAID", review.path("orders").path(0).path("status").asText());
        assertEquals("not shipped yet", review.path("orders").path(0).path("problem").asText());
        assertEquals("NOT_FOUND", review.path("orders").path(1).path("status").asText());
    }

    @Test
    void withJsonObjectOnlyTheSchemaIsReadFromTheSystemMessage() throws Exception {
        assertEquals("REFUND", answer(withSchemaInPrompt("Sort mail.", "I want my money back for A1002", TRIAGE))
                .path("category").asText());
        assertEquals(20.0, answer(withSchemaInPrompt("Read it.", "2 x Hub @ 10.00", INVOICE)).path("subtotal")
                .asDouble());
        assertTrue(answer(withSchemaInPrompt("Sum up.", "A1005", REVIEW)).path("suggestedActions").isArray());
    }

    @Test
    void schemaRecognition() throws Exception {
        assertEquals(TypedTask.TRIAGE, TypedTask.of(Optional.of(JSON.readTree(TRIAGE)), ""));
        assertEquals(TypedTask.INVOICE, TypedTask.of(Optional.of(JSON.readTree(INVOICE)), "Triage"));
        assertEquals(TypedTask.ORDER_REVIEW, TypedTask.of(Optional.of(JSON.readTree(REVIEW)), ""));
        assertEquals(TypedTask.INVOICE, TypedTask.of(Optional.empty(), "Invoice"));
        assertEquals(TypedTask.OTHER, TypedTask.of(Optional.of(JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")), "Invoice"));
        assertEquals(Optional.empty(), ChatRequestView.schemaIn("no {schema} here {\"a\": 1}"));
        assertEquals("object", ChatRequestView.schemaIn("Use {this}: " + TRIAGE + " thanks.").orElseThrow().path("type")
                .asText());
    }

    @Test
    void anyOtherSchemaGetsAnAnswerOfItsShape() throws Exception {
        JsonNode answer = answer(withSchema(request(null, "Weather in Paris?"), "Forecast",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"sky\":{\"type\":\"string\",\"enum\":"
                        + "[\"SUNNY\",\"RAIN\"]},\"celsius\":{\"type\":\"number\"},\"alerts\":{\"type\":\"array\"},"
                        + "\"windy\":{\"type\":\"boolean\"}}}"));
        assertEquals("SUNNY", answer.path("sky").asText());
        assertTrue(answer.path("celsius").isNumber() && answer.path("alerts").isArray() && answer.path("windy")
                .isBoolean() && answer.path("city").isTextual(), answer.toString());
    }

    static ObjectNode withTools(ObjectNode body, String... names) {
        ArrayNode tools = body.putArray("tools");
        for (String name : names) {
            tools.addObject().put("type", "function").putObject("function").put("name", name);
        }
        return body;
    }

    @Test
    void toolCallsFollowTheToolsOfferedAndTheOrdersTheUserNames() {
        String[] all = { "getOrder", "trackShipment", "checkStock", "requestRefund" };
        List<Reply.ToolCall> where = calls(withTools(request("Anything at all.", "Where are A1001 and A1002?"), all));
        assertEquals(List.of("trackShipment", "trackShipment"), where.stream().map(Reply.ToolCall::name).toList());

        List<Reply.ToolCall> overview = calls(withTools(request(null, "A1001, A1003, X9999: anything to do?"), all));
        assertEquals(6, overview.size(), "several orders, no narrower question: status and shipment of each");

        List<Reply.ToolCall> onlyTracking = calls(withTools(request(null, "A1001, A1003?"), "trackShipment"));
        assertEquals(2, onlyTracking.size(), "only what is offered is called");

        List<Reply.ToolCall> refund = calls(withTools(request(null, "Refund 20 EUR on A1002 please"), all));
        assertEquals("requestRefund", refund.get(0).name());
        assertTrue(refund.get(0).arguments().contains("\"amount\":20"), refund.get(0).arguments());

        List<Reply.ToolCall> stock = calls(withTools(request(null, "Is HUB-7 in stock?"), all));
        assertEquals("checkStock", stock.get(0).name());

        assertEquals(List.of(), calls(withTools(request(null, "Hello there"), all)));
    }
}
