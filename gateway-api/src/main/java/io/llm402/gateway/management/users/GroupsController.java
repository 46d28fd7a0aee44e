package io.llm402.gateway.management.users;

import io.llm402.domain.shared.Ratio;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.projections.catalog.api.ChannelView;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The groups and models a user may use, as new-api's console asks for them when creating a key. Every group is open
 * to every user in LLM402 (a key's group is chosen by its owner); the models are those an enabled channel of the
 * user's group serves.
 */
@RestController
class GroupsController {

    private final Catalog catalog;

    GroupsController(Catalog catalog) {
        this.catalog = catalog;
    }

    record GroupInfo(BigDecimal ratio, String desc) {
    }

    @GetMapping("/api/user/groups")
    Envelope<Map<String, GroupInfo>> groups() {
        return Envelope.ok(groupInfos(catalog.snapshot()));
    }

    @GetMapping("/api/user/self/groups")
    Envelope<Map<String, GroupInfo>> selfGroups() {
        return Envelope.ok(groupInfos(catalog.snapshot()));
    }

    @GetMapping("/api/user/models")
    Envelope<List<String>> models() {
        String group = Caller.current().user().group();
        TreeSet<String> models = new TreeSet<>();
        for (ChannelView channel : catalog.snapshot().channels()) {
            if (channel.groups().contains(group)) {
                models.addAll(channel.models());
            }
        }
        return Envelope.ok(List.copyOf(models));
    }

    private static Map<String, GroupInfo> groupInfos(CatalogSnapshot snapshot) {
        Map<String, GroupInfo> groups = new TreeMap<>();
        snapshot.groupRatios().forEach((name, millionths) ->
                groups.put(name, new GroupInfo(new Ratio(millionths).toBigDecimal(), name)));
        groups.putIfAbsent("default", new GroupInfo(BigDecimal.ONE, "default"));
        return groups;
    }
}
