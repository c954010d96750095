package dev.qwen.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;

/**
 * The provider clients' request bodies as compact JSON. The extension's writer serialises with a mapper that
 * has {@code INDENT_OUTPUT} on, so every call paid for pretty-printing a 2 KB body on the event loop and sent
 * a third more bytes (JFR: 4% of the service's CPU on the typed path was that writer). This writer uses the
 * extension's own mapper, the same naming, inclusion and modules, without the indentation: the JSON is the
 * same, the whitespace is not. Registered on the provider clients only, by {@link UpstreamConnectionPool},
 * ahead of the extension's writer: among this client's writers the higher priority value is chosen (seen in
 * the bodies a capturing upstream received).
 */
final class CompactRequestBodies implements MessageBodyWriter<Object> {

    /** Above the extension's writer ({@code Priorities.USER + 100}). */
    static final int PRIORITY = jakarta.ws.rs.Priorities.USER + 200;

    /** Built on first use: the extension's mapper needs the CDI container. */
    private static final class Writer {
        static final ObjectWriter JSON = OpenAiRestApi.ObjectMapperHolder.MAPPER.writer()
                .without(SerializationFeature.INDENT_OUTPUT);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return true; // the provider API takes JSON only, as the extension's writer assumes too
    }

    @Override
    public void writeTo(Object body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        entityStream.write(Writer.JSON.writeValueAsBytes(body));
    }
}
