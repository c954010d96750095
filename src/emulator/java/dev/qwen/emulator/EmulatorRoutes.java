package dev.qwen.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The emulator inside the service, on the service's own port, when {@code qwen.emulator.enabled} (dev mode
 * and tests). The production build does not contain this package at all (see pom.xml); the build-profile
 * guard only keeps a hand-made production build that did include it from ever serving it.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class EmulatorRoutes {

    private final EmulatorConfig config;
    private final Emulator emulator;

    EmulatorRoutes(EmulatorConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.emulator = new Emulator(config, json, vertx);
    }

    void register(@Observes Router router) {
        if (config.enabled()) {
            emulator.mount(router);
        }
    }

    /** Streams whose client hung up before the end (the service cancelling its upstream call). */
    public long abandonedStreams() {
        return emulator.abandonedStreams();
    }
}
