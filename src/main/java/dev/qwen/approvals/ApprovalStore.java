package dev.qwen.approvals;

import java.util.List;
import java.util.Optional;

/**
 * Where approvals live, so that any replica can list and decide them and they survive a restart (with
 * {@code qwen.state=redis}). An approval is gone once it expired; a decided one stays until then, so that a
 * second decision is told it came too late.
 */
public interface ApprovalStore {

    void save(Approval approval);

    /** The approval, unless it is unknown or expired. */
    Optional<Approval> find(String id);

    /** Every approval not decided yet and not expired, oldest first. */
    List<Approval> pending();

    /**
     * Records {@code decided}'s decision if the approval is still undecided, atomically across replicas; either
     * way answers the approval as it is now (its first decision wins), or empty when it is gone.
     */
    Optional<Approval> decide(Approval decided);

    /** Marks the approval's decision as carried out. */
    void complete(String id);
}
