package dev.qwen.observability;

import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.DefaultAiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceEvent;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory;
import io.quarkiverse.langchain4j.observability.AiServiceSelectorLiteral;
import io.quarkiverse.langchain4j.observability.listener.AiServiceListenerAdapter;
import io.quarkus.arc.Arc;

/**
 * AI-service events reach CDI only when someone observes them. quarkus-langchain4j 1.10 registers, on every
 * {@code @RegisterAiService}, an adapter per event type that fires it as a CDI event, whether or not an
 * observer exists: four events per typed call, each building a fresh {@code Event} and scanning every
 * observer method (5 % of a typed call's CPU, measured with JFR). LangChain4j creates each AI service's listener
 * registrar through this documented SPI ({@code META-INF/services}); the registrar made here keeps an
 * adapter only if ArC resolves an observer for its event and service, so an {@code @Observes} method added
 * later is notified as before, and LangChain4j listeners of our own (the agent's) are kept as they are.
 */
public class ListenedAiServiceEvents implements AiServiceListenerRegistrarFactory {

    @Override
    public AiServiceListenerRegistrar get() {
        return new DefaultAiServiceListenerRegistrar() {
            @Override
            public <T extends AiServiceEvent> void register(AiServiceListener<T> listener) {
                if (!(listener instanceof AiServiceListenerAdapter<T> adapter) || observed(adapter)) {
                    super.register(listener);
                }
            }
        };
    }

    private static boolean observed(AiServiceListenerAdapter<?> adapter) {
        var container = Arc.container();
        return container == null || !container.resolveObserverMethods(adapter.eventClass(),
                AiServiceSelectorLiteral.builder().aiServiceClass(adapter.aiServiceClass()).build()).isEmpty();
    }
}
