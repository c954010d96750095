package dev.qwen.approvals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code qwen.approvals.*}: a refund above {@code refund-above} waits for a person's decision (none by default:
 * no refund waits); only the key names in {@code approvers} may decide when API keys are configured; a pending
 * approval expires after {@code ttl}.
 */
@ConfigMapping(prefix = "qwen.approvals")
public interface ApprovalsConfig {

    Optional<BigDecimal> refundAbove();

    Optional<List<String>> approvers();

    @WithDefault("24h")
    Duration ttl();
}
