package io.llm402.ops.status;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.llm402.gateway.billing.NodeIdentity;
import io.llm402.gateway.management.Envelope;
import io.llm402.ops.axon.ProcessorProgress;
import io.llm402.ops.axon.StoredTokens;
import io.llm402.ops.cluster.HazelcastConfiguration;
import io.llm402.ops.cluster.SurvivorRecovery;
import io.llm402.projections.ledger.api.NodeAllowancesView;
import io.llm402.projections.ledger.api.OpenAllowancesByNodeQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/status/cluster} (admins): the members and the ledger node each one is, this node's id, each event
 * processor's owner, position and lag behind the store's head, the allowances still open per node, and the
 * recoveries this node ran for nodes that died. The member count and every processor's lag are also metrics
 * ({@code llm402.cluster.members}, {@code llm402.processor.lag}).
 */
@RestController
class ClusterStatusController {

    private final HazelcastInstance hazelcast;
    private final NodeIdentity node;
    private final StoredTokens storedTokens;
    private final ProcessorProgress progress;
    private final QueryGateway queries;
    private final SurvivorRecovery survivorRecovery;

    ClusterStatusController(HazelcastInstance hazelcast, NodeIdentity node, StoredTokens storedTokens,
                            ProcessorProgress progress, QueryGateway queries, SurvivorRecovery survivorRecovery,
                            MeterRegistry meters) {
        this.hazelcast = hazelcast;
        this.node = node;
        this.storedTokens = storedTokens;
        this.progress = progress;
        this.queries = queries;
        this.survivorRecovery = survivorRecovery;
        Gauge.builder("llm402.cluster.members", hazelcast, h -> h.getCluster().getMembers().size())
                .description("Members of this node's Hazelcast cluster").register(meters);
        Gauge.builder("llm402.processor.lag.max", this, ClusterStatusController::maxLag)
                .description("Events the slowest event processor is behind the store's head").register(meters);
    }

    record MemberView(@Nullable String node, String address, boolean local) {
    }

    record ProcessorView(String name, int segment, @Nullable String owner, long position, long lag) {
    }

    record ClusterView(String node, List<MemberView> members, long head, List<ProcessorView> processors,
                       List<NodeAllowancesView> openAllowances, List<SurvivorRecovery.Recovered> recoveries) {
    }

    @GetMapping("/api/status/cluster")
    Envelope<ClusterView> cluster() {
        List<MemberView> members = new ArrayList<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            members.add(new MemberView(member.getAttribute(HazelcastConfiguration.NODE_ATTRIBUTE),
                    member.getAddress().getHost() + ":" + member.getAddress().getPort(), member.localMember()));
        }
        long head = progress.head();
        List<ProcessorView> processors = storedTokens.segments().stream()
                .map(s -> new ProcessorView(s.processorName(), s.segment(), s.owner(), s.position(),
                        Math.max(0, head - s.position())))
                .toList();
        List<NodeAllowancesView> open = queries.query(new OpenAllowancesByNodeQuery(),
                ResponseTypes.multipleInstancesOf(NodeAllowancesView.class)).join();
        return Envelope.ok(new ClusterView(node.nodeId(), members, head, processors, open,
                survivorRecovery.recent()));
    }

    private double maxLag() {
        long head = progress.head();
        long lag = 0;
        for (StoredTokens.Segment segment : storedTokens.segments()) {
            lag = Math.max(lag, head - segment.position());
        }
        return lag;
    }
}
