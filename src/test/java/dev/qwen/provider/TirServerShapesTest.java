package dev.qwen.provider;

import dev.qwen.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The real servers' reply shapes with TIR (vLLM) as the provider. */
@QuarkusTest
@TestProfile(Profiles.TirWire.class)
class TirServerShapesTest extends ServerShapesTest {
}
