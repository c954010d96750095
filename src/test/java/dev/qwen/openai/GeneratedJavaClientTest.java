package dev.qwen.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.qwen.client.ApiClient;
import dev.qwen.client.ApiException;
import dev.qwen.client.api.AssistantApi;
import dev.qwen.client.api.InvoicesApi;
import dev.qwen.client.api.OpenAiApi;
import dev.qwen.client.api.ProvidersApi;
import dev.qwen.client.api.TriageApi;
import dev.qwen.client.model.AssistantReply;
import dev.qwen.client.model.AssistantRequest;
import dev.qwen.client.model.Category;
import dev.qwen.client.model.ChatCompletion;
import dev.qwen.client.model.ChatCompletionRequest;
import dev.qwen.client.model.ChatMessage;
import dev.qwen.client.model.Invoice;
import dev.qwen.client.model.InvoiceRequest;
import dev.qwen.client.model.Priority;
import dev.qwen.client.model.Provider;
import dev.qwen.client.model.Providers;
import dev.qwen.client.model.Session;
import dev.qwen.client.model.SessionMessage;
import dev.qwen.client.model.ToolCall;
import dev.qwen.client.model.Triage;
import dev.qwen.client.model.TriageRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The Java client openapi-generator (java, native library) makes from the committed docs/openapi.yaml during
 * the build (see pom.xml), calling the running service (the emulator behind it): typed answers, free-form
 * tool arguments and results as maps, the stream as text, problems as exceptions with their status.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    private static ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        return client;
    }

    @Test
    void triageComesBackTyped() throws Exception {
        Triage triage = new TriageApi(client()).triageMessage(
                new TriageRequest().text("My order A1002 arrived broken and I want a refund."), null);

        assertEquals(Category.REFUND, triage.getCategory());
        assertEquals(Priority.HIGH, triage.getPriority());
        assertEquals(List.of("A1002"), triage.getOrderIds());
        assertEquals("en", triage.getLanguage());
    }

    @Test
    void anInvoiceComesBackWithNumbersAsNumbers() throws Exception {
        String text = "Vendor: ACME GmbH\nInvoice number: INV-2026-001\nDate: 02.11.2026\n"
                + "2 x USB-C Hub @ 39.90 = 79.80\n1 x Cable @ 9.90 = 9.90\nSubtotal: 89.70\nVAT 19%: 17.04\nTotal: 106.74 EUR";

        Invoice invoice = new InvoicesApi(client()).extractInvoice(new InvoiceRequest().text(text), null);

        assertEquals("ACME GmbH", invoice.getVendor());
        assertEquals("2026-11-02", invoice.getIssueDate());
        assertEquals(2, invoice.getLineItems().size());
        assertEquals(0, new BigDecimal("106.74").compareTo(invoice.getTotal()), invoice.toString());
    }

    @Test
    void toolArgumentsAndResultsReadBackAsMaps() throws Exception {
        AssistantApi assistant = new AssistantApi(client());

        AssistantReply reply = assistant.chatWithAssistant(
                new AssistantRequest().message("What is the status of order A1001?").toolChoice("getOrder"), null);

        assertEquals(1, reply.getToolCalls().size(), reply.toString());
        ToolCall call = reply.getToolCalls().get(0);
        assertEquals("getOrder", call.getName());
        assertEquals(Map.of("orderId", "A1001"), call.getArguments());
        Map<String, Object> result = call.getResult();
        assertEquals("A1001", result.get("orderId"));
        assertEquals("SHIPPED", result.get("status"));
        assertTrue(result.get("items") instanceof List<?> items && !items.isEmpty(), result.toString());
        assertEquals("aimlapi", reply.getProvider());
        assertTrue(reply.getUsage().getTotalTokens() > 0, reply.getUsage().toString());
        assertNull(reply.getReasoning());

        Session session = assistant.getSession(reply.getSessionId());
        SessionMessage asked = session.getMessages().stream().filter(m -> m.getToolCalls() != null).findFirst().orElseThrow();
        assertEquals(Map.of("orderId", "A1001"), asked.getToolCalls().get(0).getArguments());
        assertNotNull(session.getExpiresAt());

        assistant.deleteSession(reply.getSessionId());
        ApiException gone = assertThrows(ApiException.class, () -> assistant.getSession(reply.getSessionId()));
        assertEquals(404, gone.getCode());
        assertTrue(gone.getResponseBody().contains("session_not_found"), gone.getResponseBody());
    }

    @Test
    void theStreamArrivesAsEventsNotParsedAsJson() throws Exception {
        File events = new AssistantApi(client()).streamChatWithAssistant(
                new AssistantRequest().message("What is the status of order A1001?"), null);

        String text = Files.readString(events.toPath());
        assertTrue(Pattern.compile("event: ?tool_call\ndata: ?\\{[^\n]*\"orderId\":\"A1001\"").matcher(text).find(), text);
        assertTrue(Pattern.compile("event: ?done\ndata: ?\\{[^\n]*\"sessionId\"").matcher(text).find(), text);
    }

    @Test
    void providersShowTheCircuit() throws Exception {
        Providers providers = new ProvidersApi(client()).getProviders();

        assertEquals("aimlapi", providers.getPrimary());
        assertNull(providers.getFallback());
        assertEquals(Provider.CircuitEnum.CLOSED, providers.getProviders().get(0).getCircuit());
    }

    @Test
    void chatCompletionsSendsAnObjectAndReadsTheCompletion() throws Exception {
        ChatCompletion completion = new OpenAiApi(client()).createChatCompletion(new ChatCompletionRequest()
                .model("qwen3-32b").addMessagesItem(new ChatMessage().role(ChatMessage.RoleEnum.USER).content("Say hello")));

        assertEquals(ChatCompletion.ObjectEnum.CHAT_COMPLETION, completion.getObject());
        assertTrue(completion.getChoices().get(0).getMessage().getContent().contains("Say hello"), completion.toString());
        assertEquals("qwen3-32b", new OpenAiApi(client()).listModels().getData().get(0).getId());
    }

    @Test
    void aProblemIsAnExceptionWithItsStatus() {
        ApiException refused = assertThrows(ApiException.class,
                () -> new TriageApi(client()).triageMessage(new TriageRequest().text(""), null));

        assertEquals(400, refused.getCode());
        assertTrue(refused.getResponseBody().contains("invalid_request"), refused.getResponseBody());
    }
}
