package io.llm402.ops.status;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.ops.persistence.JdbcTarget;
import java.lang.management.ManagementFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: what an operator or a load balancer asks first. Public, reveals no secret or URL. */
@RestController
class StatusController {

    private final ApplicationAvailability availability;
    private final JdbcTarget database;
    private final HazelcastInstance hazelcast;
    private final String version;

    StatusController(ApplicationAvailability availability, JdbcTarget database, HazelcastInstance hazelcast,
                     ObjectProvider<BuildProperties> build) {
        this.availability = availability;
        this.database = database;
        this.hazelcast = hazelcast;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
    }

    /** 200 once ready; 503 while starting (bootstrap and recovery still running), so load balancers wait. */
    @GetMapping("/api/status")
    ResponseEntity<StatusView> status() {
        // How many, never where: member addresses are not for anonymous callers.
        int members = hazelcast.getCluster().getMembers().size();
        long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        StatusView status = new StatusView(ready, version, database.kind().wireName(), members, uptimeSeconds);
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(status);
    }

    record StatusView(boolean ready, String version, String database, int clusterMembers,
                      long uptimeSeconds) {
    }
}
