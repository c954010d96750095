package dev.qwen.agent;

import java.util.List;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.memory.ChatMemoryAccess;
import dev.qwen.provider.QwenModelSupplier;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkus.runtime.annotations.RegisterForProxy;

/**
 * The declarative AI service behind every agent turn: the {@link Turn} is the memory id and carries the
 * system prompt, the caller's policy and who hears the events; LangChain4j runs the tool loop. The message
 * is content, not a template: a customer's braces stay braces.
 *
 * <p>
 * The service the agent calls is LangChain4j's own, built in {@link Agent}. quarkus-langchain4j registers
 * every interface that uses {@code @UserMessage} as an AI service of its own as well, bound to the default
 * model unless told otherwise; the annotation below binds that twin, which nothing injects, to
 * {@code QwenChatModel} so no default model is needed.
 */
@RegisterAiService(chatLanguageModelSupplier = QwenModelSupplier.class)
@RegisterForProxy // LangChain4j implements it with a JDK proxy; a native image must know the proxy in advance
interface Conversation extends ChatMemoryAccess {

    /**
     * {@code message} is one text content; a list, because LangChain4j 1.14 repeats a lone content's text.
     * {@code parameters} reach the tools that take them (the request's write key).
     */
    Result<String> reply(@MemoryId Turn turn, @UserMessage List<Content> message, InvocationParameters parameters);
}
