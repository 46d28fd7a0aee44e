package io.llm402.gateway.management.channels;

import io.llm402.domain.channel.api.RemoveChannelKeysCommand;
import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.channels.ChannelTester;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.projections.catalog.api.ChannelAdminView;
import io.llm402.projections.catalog.api.FindChannelByNumberQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * new-api's channel tests ({@code /api/channel/test}) and multi-key management ({@code /api/channel/multi_key/manage}).
 * Keys are named by their index in the channel, as new-api's console does; their values are never shown.
 */
@RestController
class ChannelOperationsController {

    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final ChannelTester tester;
    private final Catalog catalog;

    ChannelOperationsController(AccessReadModel readModel, ManagementCommands commands, ChannelTester tester,
                                Catalog catalog) {
        this.catalog = catalog;
        this.readModel = readModel;
        this.commands = commands;
        this.tester = tester;
    }

    /** new-api's answer to a test: {@code time} in seconds. */
    record TestAnswer(boolean success, String message, double time) {
    }

    @GetMapping("/api/channel/test/{id}")
    TestAnswer test(@PathVariable long id, @RequestParam(required = false) @Nullable String model,
                    @RequestParam(name = "endpoint_type", required = false) @Nullable String endpointType) {
        ChannelAdminView channel = channel(id);
        ChannelTester.Outcome outcome;
        try {
            outcome = tester.test(channel.channelId(), model, endpointType);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
        // Whoever asked reads the channel next (the console redraws its row): answer once the result shows there.
        Instant before = channel.testedAt();
        readModel.await(() -> readModel.queryOptional(new FindChannelByNumberQuery(id), ChannelAdminView.class),
                now -> now.testedAt() != null && (before == null || now.testedAt().isAfter(before)));
        return new TestAnswer(outcome.passed(), outcome.failure() == null ? "" : outcome.failure(),
                outcome.responseTimeMs() / 1000.0);
    }

    /** Tests every channel in the background, as new-api does; its outcome shows on each channel. */
    @GetMapping("/api/channel/test")
    Envelope<Void> testAll() {
        Thread.ofVirtual().name("channel-test-all").start(tester::testAll);
        return Envelope.ok();
    }

    /** One page of a channel's keys, as new-api's {@code get_key_status} answers it. */
    record KeyStatusJson(int index, int status, @Nullable String disabledReason, @Nullable Long disabledTime,
                         String fingerprint) {
    }

    record KeyStatusPage(List<KeyStatusJson> keys, int total, int page, int pageSize, long enabledCount,
                         long manualDisabledCount, long autoDisabledCount) {
    }

    @PostMapping("/api/channel/multi_key/manage")
    Envelope<?> manage(@RequestBody JsonNode body) {
        if (!body.path("channel_id").canConvertToLong()) {
            throw ManagementException.badRequest("channel_id is required");
        }
        ChannelAdminView channel = channel(body.path("channel_id").asLong());
        String action = body.path("action").asString("");
        if (action.equals("get_key_status")) {
            int page = Math.max(1, body.path("page").asInt(1));
            int size = Math.min(100, Math.max(1, body.path("page_size").asInt(50)));
            List<KeyStatusJson> all = channel.keys().stream().map(k -> new KeyStatusJson(k.index(), k.status(),
                    k.reason(), k.changedAt() == null || k.status() == ChannelAdminView.ENABLED ? null
                    : k.changedAt().getEpochSecond(), k.fingerprint().substring(0, 8))).toList();
            List<KeyStatusJson> slice = all.stream().skip((long) (page - 1) * size).limit(size).toList();
            return Envelope.ok(new KeyStatusPage(slice, all.size(), page, size,
                    count(channel, s -> s == ChannelAdminView.ENABLED),
                    count(channel, s -> s == ChannelAdminView.DISABLED_BY_ADMIN),
                    count(channel, s -> s == ChannelAdminView.DISABLED_AUTOMATICALLY)));
        }
        Caller caller = Caller.current();
        DefinitionOutcome outcome = switch (action) {
            case "disable_key", "enable_key" -> send(new SetChannelKeyStatusCommand(channel.channelId(),
                    List.of(fingerprint(channel, body)), action.equals("enable_key"), "disabled by an admin",
                    false), caller);
            case "enable_all_keys", "disable_all_keys" -> send(new SetChannelKeyStatusCommand(channel.channelId(),
                    List.of(), action.equals("enable_all_keys"), "disabled by an admin", false), caller);
            case "delete_key" -> send(new RemoveChannelKeysCommand(channel.channelId(),
                    List.of(fingerprint(channel, body)), false), caller);
            case "delete_disabled_keys" -> send(new RemoveChannelKeysCommand(channel.channelId(), List.of(), true),
                    caller);
            default -> throw ManagementException.badRequest("action must be get_key_status, disable_key, "
                    + "enable_key, enable_all_keys, disable_all_keys, delete_key or delete_disabled_keys");
        };
        if (outcome == DefinitionOutcome.UNCHANGED) {
            return Envelope.ok(Map.of("status", channel.status(), "keys", channel.keys().size()));
        }
        ChannelAdminView changed = readModel.await(() -> readModel.queryOptional(
                new FindChannelByNumberQuery(channel.number()), ChannelAdminView.class), c -> !c.equals(channel))
                .orElse(channel);
        catalog.reload();
        return Envelope.ok(Map.of("status", changed.status(), "keys", changed.keys().size()));
    }

    private DefinitionOutcome send(Object command, Caller caller) {
        try {
            return commands.send(command, caller);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
    }

    private static long count(ChannelAdminView channel, Predicate<Integer> status) {
        return channel.keys().stream().filter(k -> status.test(k.status())).count();
    }

    private static String fingerprint(ChannelAdminView channel, JsonNode body) {
        int index = body.path("key_index").asInt(-1);
        if (!body.path("key_index").canConvertToInt() || index < 0 || index >= channel.keys().size()) {
            throw ManagementException.badRequest("key_index must name one of the channel's "
                    + channel.keys().size() + " keys (from 0)");
        }
        return channel.keys().get(index).fingerprint();
    }

    private ChannelAdminView channel(long number) {
        return readModel.queryOptional(new FindChannelByNumberQuery(number), ChannelAdminView.class)
                .orElseThrow(() -> ManagementException.notFound("no such channel"));
    }
}
