package dev.qwen.approvals;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Approvals of a single instance, in memory; expired ones are dropped as they are met. */
public class InMemoryApprovalStore implements ApprovalStore {

    private final ConcurrentMap<String, Approval> approvals = new ConcurrentHashMap<>();

    @Override
    public void save(Approval approval) {
        approvals.put(approval.id(), approval);
    }

    @Override
    public Optional<Approval> find(String id) {
        Instant now = Instant.now();
        return Optional.ofNullable(approvals.computeIfPresent(id, (key, a) -> a.expired(now) ? null : a));
    }

    @Override
    public List<Approval> pending() {
        Instant now = Instant.now();
        approvals.values().removeIf(a -> a.expired(now));
        return approvals.values().stream().filter(Approval::pending)
                .sorted(Comparator.comparing(Approval::createdAt)).toList();
    }

    @Override
    public Optional<Approval> decide(Approval decided) {
        Instant now = Instant.now();
        return Optional.ofNullable(approvals.computeIfPresent(decided.id(),
                (key, a) -> a.expired(now) ? null : a.pending() ? decided : a));
    }

    @Override
    public void complete(String id) {
        approvals.computeIfPresent(id, (key, a) -> a.done());
    }
}
