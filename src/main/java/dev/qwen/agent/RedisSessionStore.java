package dev.qwen.agent;

import java.time.Duration;
import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Sessions in Redis, shared by every replica: one string key per session holding the window as
 * langchain4j's message JSON. Reading refreshes the expiry (GETEX) and writing sets it, so a session
 * expires after {@code qwen.session-ttl} of idleness, by Redis itself.
 */
public class RedisSessionStore implements SessionStore {

    public static final String PREFIX = "qwen:session:";

    private final ValueCommands<String, String> values;
    private final Duration ttl;

    public RedisSessionStore(RedisDataSource redis, Duration ttl) {
        this.values = redis.value(String.class);
        this.ttl = ttl;
    }

    @Override
    public List<ChatMessage> load(String sessionId) {
        String json = values.getex(PREFIX + sessionId, new GetExArgs().ex(ttl));
        return json == null ? List.of() : ChatMessageDeserializer.messagesFromJson(json);
    }

    @Override
    public void save(String sessionId, List<ChatMessage> messages) {
        values.set(PREFIX + sessionId, ChatMessageSerializer.messagesToJson(messages), new SetArgs().ex(ttl));
    }
}
