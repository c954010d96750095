package dev.qwen.agent;

import java.lang.reflect.Constructor;

import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * LangChain4j's own AI-service implementation, built past quarkus-langchain4j's. Why: quarkus-langchain4j
 * 1.10 installs an {@code AiServicesFactory} through which every {@link AiServices#builder} becomes its
 * build-time runtime, and that runtime executes the tool calls of one model reply one after another
 * (checked: same thread, the second started when the first ended), while the contract wants them concurrent. LangChain4j's {@code DefaultAiServices}
 * does that ({@code executeToolsConcurrently}) but is package-private, so it is constructed here, in this
 * one place, by reflection. Replace with {@code @RegisterAiService} once quarkus-langchain4j executes tool
 * calls concurrently (or with {@link AiServices#builder} once its factory can be bypassed).
 */
@RegisterForReflection(classNames = "dev.langchain4j.service.DefaultAiServices", methods = true)
final class PlainAiServices {

    private PlainAiServices() {
    }

    @SuppressWarnings("unchecked")
    static <T> AiServices<T> builder(Class<T> service) {
        AiServiceContext context = new AiServiceContext(service) {
        };
        try {
            Constructor<?> create = Class.forName("dev.langchain4j.service.DefaultAiServices")
                    .getDeclaredConstructor(AiServiceContext.class);
            create.setAccessible(true);
            return (AiServices<T>) create.newInstance(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("langchain4j's DefaultAiServices is not where it was (upgrade?)", e);
        }
    }
}
