package io.llm402.gateway.channels;

import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.RecordChannelTestCommand;
import io.llm402.domain.channel.api.SetChannelKeyStatusCommand;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.routing.DisableRules;
import io.llm402.gateway.upstream.UpstreamClient;
import io.llm402.gateway.upstream.UpstreamError;
import io.llm402.gateway.upstream.ChannelRequestOptions;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.upstream.UpstreamResponse;
import io.llm402.projections.catalog.api.ChannelAdminView;
import io.llm402.projections.catalog.api.ListTestableChannelsQuery;
import io.llm402.projections.catalog.api.TestableChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel tests as new-api runs them (new-api-behaviour §4.5), done so that they heal: each test is a
 * {@code ChannelTestedEvent} with its response time (nobody is charged); a key the upstream calls dead is disabled by
 * the same rules as live traffic; and with "automatically enable channels" on, a pass brings back the key and the
 * channel the gateway had disabled. A channel the gateway disabled is tested with each of its automatically disabled
 * keys, so that every key that works again comes back. A test of every channel also fails a channel slower than the
 * threshold, as new-api's does.
 */
public class ChannelTester {

    private static final Logger log = LoggerFactory.getLogger(ChannelTester.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final QueryGateway queries;
    private final Catalog catalog;
    private final CommandGateway commands;
    private final UpstreamClient upstream;
    private final SecretBox secretBox;
    private final AtomicBoolean testingAll = new AtomicBoolean();

    private final ChannelRequestOptions requestOptions;

    public ChannelTester(QueryGateway queries, Catalog catalog, CommandGateway commands, UpstreamClient upstream,
                         SecretBox secretBox) {
        this.requestOptions = new ChannelRequestOptions(secretBox);
        this.queries = queries;
        this.catalog = catalog;
        this.commands = commands;
        this.upstream = upstream;
        this.secretBox = secretBox;
    }

    /** One key's test. */
    public record Outcome(String channelId, String model, boolean passed, long responseTimeMs,
                          @Nullable String failure) {
    }

    /**
     * Tests one channel, now, and answers the first key's outcome.
     *
     * @param model        the model to ask for, else the channel's test model, else its first model
     * @param endpointType new-api's {@code endpoint_type}, else guessed from the channel type and model
     */
    public Outcome test(String channelId, @Nullable String model, @Nullable String endpointType) {
        List<TestableChannel> found = queries.query(new ListTestableChannelsQuery(channelId),
                ResponseTypes.multipleInstancesOf(TestableChannel.class)).join();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no such channel");
        }
        return testChannel(found.getFirst(), model, endpointType, catalog.snapshot(), Duration.ZERO).getFirst();
    }

    /** Tests every channel one after the other; {@code false} when a test of every channel is already running. */
    public boolean testAll() {
        if (!testingAll.compareAndSet(false, true)) {
            return false;
        }
        try {
            CatalogSnapshot snapshot = catalog.snapshot();
            Duration threshold = ChannelOperationSettings.disableThreshold(snapshot.settings());
            List<TestableChannel> channels = queries.query(new ListTestableChannelsQuery(null),
                    ResponseTypes.multipleInstancesOf(TestableChannel.class)).join();
            int passed = 0;
            for (TestableChannel channel : channels) {
                try {
                    passed += testChannel(channel, null, null, snapshot, threshold).getFirst().passed() ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("Test of channel {} failed to run: {}", channel.channel().name(), e.toString());
                }
            }
            log.info("Tested {} channels: {} passed", channels.size(), passed);
            return true;
        } finally {
            testingAll.set(false);
        }
    }

    private List<Outcome> testChannel(TestableChannel testable, @Nullable String model,
                                      @Nullable String endpointType, CatalogSnapshot snapshot,
                                      Duration threshold) {
        var channel = testable.channel();
        ChannelType type = ChannelType.fromWireName(channel.type());
        String testModel = model != null && !model.isBlank() ? model : testable.testModel();
        String endpoint = TestRequests.endpoint(type, testModel, endpointType);
        String upstreamModel = channel.modelMapping().getOrDefault(testModel, testModel);
        boolean recover = snapshot.flag(SettingKey.AUTOMATIC_ENABLE_CHANNEL_ENABLED.wireName(), false);
        DisableRules rules = snapshot.disableRules();
        List<Outcome> outcomes = new ArrayList<>();
        for (ChannelKey key : keysToTest(testable)) {
            String openKey = secretBox.open(key.sealedKey());
            // As live traffic sends it: an override the upstream refuses fails the test too.
            UpstreamRequest request = requestOptions.apply(
                    TestRequests.build(channel, type, endpoint, upstreamModel, openKey), channel, openKey);
            long start = System.nanoTime();
            String failure = null;
            String disableReason = null;
            try {
                UpstreamResponse answer = upstream.send(request);
                byte[] body;
                try (InputStream in = answer.body()) {
                    body = in.readNBytes(MAX_BODY_BYTES);
                }
                if (answer.statusCode() >= 400) {
                    UpstreamError error = UpstreamError.of(type, answer.statusCode(), body)
                            .redacted(openKey, URI.create(channel.baseUrl()).getHost());
                    failure = error.summary();
                    disableReason = rules.reason(type, channel.autoDisable(), error);
                }
            } catch (SocketTimeoutException e) {
                failure = "timeout";
            } catch (IOException e) {
                failure = "connection failed: " + e.getClass().getSimpleName();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (failure == null && !threshold.isZero() && millis > threshold.toMillis()) {
                failure = "response time " + millis + " ms is over the " + threshold.toMillis() + " ms threshold";
                disableReason = rules.enabled() && channel.autoDisable() ? failure : null;
            }
            commands.sendAndWait(new RecordChannelTestCommand(channel.channelId(), testModel, key.fingerprint(),
                    failure == null, millis, failure, recover));
            if (disableReason != null) {
                commands.sendAndWait(new SetChannelKeyStatusCommand(channel.channelId(), List.of(key.fingerprint()),
                        false, disableReason, true));
            }
            outcomes.add(new Outcome(channel.channelId(), testModel, failure == null, millis, failure));
        }
        return outcomes;
    }

    /**
     * A channel the gateway disabled: each key it disabled (so each working one comes back); any other channel: one
     * enabled key (the first), else its first key.
     */
    private static List<ChannelKey> keysToTest(TestableChannel testable) {
        List<ChannelKey> keys = testable.channel().keys();
        List<Integer> statuses = testable.keyStatuses();
        if (testable.status() == ChannelAdminView.DISABLED_AUTOMATICALLY) {
            List<ChannelKey> disabled = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (statuses.get(i) == ChannelAdminView.DISABLED_AUTOMATICALLY) {
                    disabled.add(keys.get(i));
                }
            }
            if (!disabled.isEmpty()) {
                return disabled;
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            if (statuses.get(i) == ChannelAdminView.ENABLED) {
                return List.of(keys.get(i));
            }
        }
        return List.of(keys.getFirst());
    }
}
