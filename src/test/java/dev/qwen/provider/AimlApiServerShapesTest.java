package dev.qwen.provider;

import dev.qwen.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The real servers' reply shapes with AI/ML API as the provider. */
@QuarkusTest
@TestProfile(Profiles.AimlApiWire.class)
class AimlApiServerShapesTest extends ServerShapesTest {
}
