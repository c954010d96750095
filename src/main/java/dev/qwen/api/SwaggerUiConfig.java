package dev.qwen.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code qwen.swagger-ui.enabled}: whether Swagger UI is served (it ships in the artifact; off in prod, on
 * in dev). Quarkus reads it through {@code quarkus.swagger-ui.enabled=${qwen.swagger-ui.enabled:false}}.
 */
@ConfigMapping(prefix = "qwen.swagger-ui")
public interface SwaggerUiConfig {

    @WithDefault("false")
    boolean enabled();

    /** Says at start-up where the UI is, when it is on. */
    @Singleton
    class Notice {
        private static final Logger LOG = Logger.getLogger(SwaggerUiConfig.class);

        void announce(@Observes StartupEvent event, SwaggerUiConfig ui) {
            if (ui.enabled()) {
                LOG.info("Swagger UI is served at /q/swagger-ui (qwen.swagger-ui.enabled)");
            }
        }
    }
}
