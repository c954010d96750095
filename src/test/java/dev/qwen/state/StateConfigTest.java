package dev.qwen.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.qwen.agent.SessionConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** qwen.state and qwen.session-ttl keep the contract's names and defaults in their packages' own mappings. */
class StateConfigTest {

    private static SmallRyeConfig config(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withMapping(StateConfig.class)
                .withMapping(SessionConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(map, "test", 500))
                .build();
    }

    @Test
    void defaultsFollowTheContract() {
        SmallRyeConfig config = config();
        assertEquals(StateConfig.State.MEMORY, config.getConfigMapping(StateConfig.class).state());
        assertEquals(Duration.ofHours(24), config.getConfigMapping(SessionConfig.class).sessionTtl());
        assertEquals(Duration.ofHours(24), config.getConfigMapping(StateConfig.class).idempotencyTtl());
        assertEquals(Duration.ofSeconds(30), config.getConfigMapping(SessionConfig.class).sessionLockWait());
    }

    @Test
    void theContractsPropertyNamesAreRead() {
        SmallRyeConfig config = config("qwen.state", "redis", "qwen.session-ttl", "2h", "qwen.idempotency-ttl", "1h",
                "qwen.session-lock-wait", "5s");
        assertEquals(Duration.ofHours(1), config.getConfigMapping(StateConfig.class).idempotencyTtl());
        assertEquals(Duration.ofSeconds(5), config.getConfigMapping(SessionConfig.class).sessionLockWait());
        assertEquals(StateConfig.State.REDIS, config.getConfigMapping(StateConfig.class).state());
        assertEquals(Duration.ofHours(2), config.getConfigMapping(SessionConfig.class).sessionTtl());
    }
}
