package dev.qwen.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The emulator's tool arguments and typed answers for any JSON Schema, checked by an independent validator
 * (networknt, JSON Schema 2020-12, formats asserted), and filled from the user's message where it can.
 */
class SchemaInstanceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonSchemaFactory VALIDATOR = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    static final List<String> MESSAGES = List.of("", "Hello!", "What's the weather in Paris, France for 3 days?",
            "Refund 20 EUR on A1002 and A1003 please, write to dana@example.org by 2026-03-01.");

    static final String WEATHER = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":"
            + "\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":7}},"
            + "\"required\":[\"city\"],\"additionalProperties\":false}";

    /** Schemas of every kind callers write: each must get a valid instance, whatever the message. */
    static final List<String> SCHEMAS = List.of(
            "{}",
            "{\"type\":\"string\"}",
            "{\"type\":\"integer\"}",
            "{\"type\":\"number\"}",
            "{\"type\":\"boolean\"}",
            "{\"type\":\"null\"}",
            "{\"type\":[\"string\",\"null\"]}",
            "{\"const\":\"v1\"}",
            "{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}",
            "{\"type\":\"string\",\"minLength\":12,\"maxLength\":14}",
            "{\"type\":\"string\",\"maxLength\":3}",
            "{\"type\":\"string\",\"format\":\"date\"}",
            "{\"type\":\"string\",\"format\":\"date-time\"}",
            "{\"type\":\"string\",\"format\":\"email\"}",
            "{\"type\":\"string\",\"format\":\"uri\"}",
            "{\"type\":\"string\",\"format\":\"uuid\"}",
            "{\"type\":\"integer\",\"minimum\":10,\"maximum\":20}",
            "{\"type\":\"integer\",\"exclusiveMinimum\":100}",
            "{\"type\":\"integer\",\"exclusiveMinimum\":0.5,\"maximum\":1}",
            "{\"type\":\"integer\",\"minimum\":2,\"exclusiveMaximum\":3}",
            "{\"type\":\"integer\",\"minimum\":7,\"multipleOf\":5}",
            "{\"type\":\"number\",\"exclusiveMaximum\":0}",
            "{\"type\":\"number\",\"minimum\":0.5,\"maximum\":0.75}",
            "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":3,\"uniqueItems\":true}",
            "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"x\"]},\"maxItems\":0}",
            "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":2,\"uniqueItems\":true}",
            "{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"integer\",\"minimum\":5}]}",
            "{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
            "{\"allOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]},"
                    + "{\"properties\":{\"b\":{\"type\":\"integer\"}},\"required\":[\"b\"]}]}",
            "{\"type\":\"object\",\"required\":[\"anything\"]}",
            WEATHER,
            "{\"type\":\"object\",\"properties\":{\"customer\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":"
                    + "\"string\"},\"email\":{\"type\":\"string\",\"format\":\"email\"},\"vip\":{\"type\":\"boolean\"}},"
                    + "\"required\":[\"name\",\"email\",\"vip\"]},\"lines\":{\"type\":\"array\",\"minItems\":2,\"items\":"
                    + "{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\"},\"qty\":{\"type\":\"integer\","
                    + "\"minimum\":1}},\"required\":[\"sku\",\"qty\"]}},\"orderIds\":{\"type\":\"array\",\"items\":"
                    + "{\"type\":\"string\"}},\"note\":{\"type\":[\"string\",\"null\"]}},"
                    + "\"required\":[\"customer\",\"lines\",\"orderIds\",\"note\"]}",
            "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\"},\"children\":"
                    + "{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/node\"}}},\"required\":[\"label\",\"children\"]}},"
                    + "\"$ref\":\"#/$defs/node\"}",
            "{\"definitions\":{\"money\":{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\","
                    + "\"exclusiveMinimum\":0},\"currency\":{\"type\":\"string\",\"enum\":[\"EUR\",\"USD\"]}},"
                    + "\"required\":[\"amount\",\"currency\"]}},\"type\":\"object\",\"properties\":{\"price\":"
                    + "{\"$ref\":\"#/definitions/money\"}},\"required\":[\"price\"]}");

    static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static void assertValid(JsonNode schema, JsonNode instance) {
        Set<ValidationMessage> errors = VALIDATOR.getSchema(schema, FORMATS).validate(instance);
        assertTrue(errors.isEmpty(), instance + " against " + schema + ": " + errors);
    }

    @Test
    void everyKindOfSchemaGetsAValidInstanceWhateverTheMessage() {
        for (String json : SCHEMAS) {
            JsonNode schema = schema(json);
            for (String message : MESSAGES) {
                assertValid(schema, SchemaInstance.of(schema, message));
                assertValid(schema, SchemaInstance.arguments(schema, message));
            }
        }
    }

    @Test
    void valuesComeFromTheMessage() {
        JsonNode weather = schema(WEATHER);
        assertEquals("{\"city\":\"Paris\",\"unit\":\"fahrenheit\",\"days\":3}",
                SchemaInstance.arguments(weather, "What's the weather in Paris for 3 days, in Fahrenheit?").toString());

        JsonNode order = schema("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\","
                + "\"pattern\":\"^[A-Z]\\\\d{4}$\"},\"contact\":{\"type\":\"string\",\"format\":\"email\"},"
                + "\"since\":{\"type\":\"string\",\"format\":\"date\"}},\"required\":[\"order_id\",\"contact\",\"since\"]}");
        JsonNode args = SchemaInstance.arguments(order, "Is A1002 late? Mail dana@example.org, ordered 2 Nov 2026.");
        assertValid(order, args);
        assertEquals("{\"order_id\":\"A1002\",\"contact\":\"dana@example.org\",\"since\":\"2026-11-02\"}",
                args.toString());

        JsonNode ids = schema("{\"type\":\"object\",\"properties\":{\"orderIds\":{\"type\":\"array\",\"items\":"
                + "{\"type\":\"string\"}}},\"required\":[\"orderIds\"]}");
        assertEquals("{\"orderIds\":[\"A1001\",\"A1003\"]}", SchemaInstance.of(ids, "Review A1001 and A1003").toString());

        JsonNode quoted = schema("{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},\"title\":"
                + "{\"type\":\"string\"},\"product\":{\"type\":\"string\"}},\"required\":[\"product\"]}");
        assertEquals("Hub Pro", SchemaInstance.arguments(quoted, "Find reviews of \"Hub Pro\"").path("product").asText());
    }

    @Test
    void argumentsLeaveOutOptionalPropertiesTheMessageSaysNothingAbout() {
        JsonNode weather = schema(WEATHER);
        assertEquals("{\"city\":\"Paris\"}", SchemaInstance.arguments(weather, "Weather in Paris?").toString());
        assertEquals(Set.of("city", "unit", "days"), fieldNames(SchemaInstance.of(weather, "Weather in Paris?")),
                "a typed answer has every property");

        JsonNode nothingRequired = schema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                + "\"days\":{\"type\":\"integer\"}}}");
        assertEquals(Set.of("city", "days"), fieldNames(SchemaInstance.arguments(nothingRequired, "Hello")));
    }

    @Test
    void numbersOutsideTheBoundsAreNotTaken() {
        JsonNode days = schema("{\"type\":\"integer\",\"minimum\":1,\"maximum\":7}");
        assertEquals(1, SchemaInstance.of(days, "In 2026, for 30 days").asInt());
        assertEquals(5, SchemaInstance.of(days, "In 2026, for 5 days").asInt());
    }

    @Test
    void anEnumValueTheMessageNamesIsChosen() {
        JsonNode unit = schema("{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}");
        assertEquals("fahrenheit", SchemaInstance.of(unit, "in Fahrenheit please").asText());
        assertEquals("celsius", SchemaInstance.of(unit, "no preference").asText());
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
