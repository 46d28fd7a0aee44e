package io.llm402.projections.catalog;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelKeyDisabledEvent;
import io.llm402.domain.channel.api.ChannelKeyEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelKeysAddedEvent;
import io.llm402.domain.channel.api.ChannelKeysRemovedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.ChannelTestedEvent;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.pricing.api.GroupDefinedEvent;
import io.llm402.domain.pricing.api.GroupRatioChangedEvent;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.pricing.api.ModelPriceDefinedEvent;
import io.llm402.domain.settings.api.SettingChangedEvent;
import io.llm402.domain.shared.Ratio;
import io.llm402.projections.api.ReadModelChangedEvent;
import io.llm402.projections.catalog.api.ChannelAdminView;
import io.llm402.projections.catalog.api.ChannelPage;
import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.FindChannelByNumberQuery;
import io.llm402.projections.catalog.api.FindChannelQuery;
import io.llm402.projections.catalog.api.FindSettingsQuery;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ListChannelsQuery;
import io.llm402.projections.catalog.api.ListGroupsQuery;
import io.llm402.projections.catalog.api.ListModelPricesQuery;
import io.llm402.projections.catalog.api.ModelPriceView;
import io.llm402.projections.catalog.api.SearchChannelsQuery;
import io.llm402.projections.catalog.api.ListTestableChannelsQuery;
import io.llm402.projections.catalog.api.SettingsView;
import io.llm402.projections.catalog.api.TestableChannel;
import io.llm402.projections.support.ChangeSignal;
import io.llm402.projections.support.JsonColumns;
import io.llm402.projections.support.Keywords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Channels, model prices (every version kept), price groups and global settings. */
@Component
@ProcessingGroup(CatalogProjection.PROCESSING_GROUP)
public class CatalogProjection {

    public static final String PROCESSING_GROUP = "catalog";

    private final JdbcClient jdbc;
    private final ChangeSignal signal;

    public CatalogProjection(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.signal = new ChangeSignal(events);
    }

    /** A replay (reset of this processing group) rebuilds the tables from the first event. */
    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM channel_keys").update();
        jdbc.sql("DELETE FROM channels").update();
        jdbc.sql("DELETE FROM model_prices").update();
        jdbc.sql("DELETE FROM price_groups").update();
        jdbc.sql("DELETE FROM settings").update();
    }

    @EventHandler
    void on(ChannelRegisteredEvent event, TrackingToken token, @Timestamp Instant at) {
        int updated = jdbc.sql("UPDATE channels SET name = name WHERE channel_id = ?").param(event.channelId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO channels (channel_id, name, channel_type, base_url, models, model_mapping,
                                          channel_groups, priority, weight, thinking_to_content, channel_number,
                                          created_at_ms)
                    VALUES (?, ?, '', '', '[]', '{}', '[]', 0, 0, FALSE, ?, ?)""")
                    .params(event.channelId(), event.configuration().name(), token.position().orElseThrow() + 1,
                            at.toEpochMilli()).update();
        }
        updateConfiguration(event.channelId(), event.configuration());
        replaceKeys(event.channelId(), event.keys());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelConfigurationChangedEvent event) {
        updateConfiguration(event.channelId(), event.configuration());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelKeyReplacedEvent event) {
        replaceKeys(event.channelId(), event.keys());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelKeysAddedEvent event) {
        int next = jdbc.sql("SELECT COALESCE(MAX(key_position) + 1, 0) FROM channel_keys WHERE channel_id = ?")
                .param(event.channelId()).query(Integer.class).single();
        for (ChannelKey key : event.keys()) {
            int known = jdbc.sql("SELECT COUNT(*) FROM channel_keys WHERE channel_id = ? AND fingerprint = ?")
                    .params(event.channelId(), key.fingerprint()).query(Integer.class).single();
            if (known == 0) {
                jdbc.sql("INSERT INTO channel_keys (channel_id, fingerprint, key_position, sealed_key) VALUES (?, ?, ?, ?)")
                        .params(event.channelId(), key.fingerprint(), next++, key.sealedKey()).update();
            }
        }
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelKeysRemovedEvent event) {
        for (String fingerprint : event.fingerprints()) {
            jdbc.sql("DELETE FROM channel_keys WHERE channel_id = ? AND fingerprint = ?")
                    .params(event.channelId(), fingerprint).update();
        }
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelKeyDisabledEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                UPDATE channel_keys SET status = ?, status_reason = ?, status_changed_at_ms = ?
                WHERE channel_id = ? AND fingerprint = ?""")
                .params(event.automatic() ? ChannelAdminView.DISABLED_AUTOMATICALLY
                        : ChannelAdminView.DISABLED_BY_ADMIN, bounded(event.reason()), at.toEpochMilli(),
                        event.channelId(), event.fingerprint()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelKeyEnabledEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                UPDATE channel_keys SET status = 1, status_reason = NULL, status_changed_at_ms = ?
                WHERE channel_id = ? AND fingerprint = ?""")
                .params(at.toEpochMilli(), event.channelId(), event.fingerprint()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelDisabledEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE channels SET status = ?, status_reason = ?, status_changed_at_ms = ? WHERE channel_id = ?")
                .params(event.automatic() ? ChannelAdminView.DISABLED_AUTOMATICALLY
                        : ChannelAdminView.DISABLED_BY_ADMIN, bounded(event.reason()), at.toEpochMilli(),
                        event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelEnabledEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE channels SET status = 1, status_reason = NULL, status_changed_at_ms = ? WHERE channel_id = ?")
                .params(at.toEpochMilli(), event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    /** A test changes nothing routing reads: no catalog reload. */
    @EventHandler
    void on(ChannelTestedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE channels SET tested_at_ms = ?, response_time_ms = ?, test_failure = ? WHERE channel_id = ?")
                .params(at.toEpochMilli(), event.responseTimeMs(),
                        event.failure() == null ? null : bounded(event.failure()), event.channelId()).update();
    }

    @EventHandler
    void on(ChannelDeletedEvent event) {
        jdbc.sql("DELETE FROM channel_keys WHERE channel_id = ?").param(event.channelId()).update();
        jdbc.sql("DELETE FROM channels WHERE channel_id = ?").param(event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    private void replaceKeys(String channelId, List<ChannelKey> keys) {
        jdbc.sql("DELETE FROM channel_keys WHERE channel_id = ?").param(channelId).update();
        for (int i = 0; i < keys.size(); i++) {
            jdbc.sql("INSERT INTO channel_keys (channel_id, fingerprint, key_position, sealed_key) VALUES (?, ?, ?, ?)")
                    .params(channelId, keys.get(i).fingerprint(), i, keys.get(i).sealedKey()).update();
        }
    }

    private static String bounded(String reason) {
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    @EventHandler
    void on(ModelPriceDefinedEvent event) {
        ModelPrice price = event.price();
        boolean known = jdbc.sql("SELECT COUNT(*) FROM model_prices WHERE model = ? AND price_version = ?")
                .params(event.model(), event.priceVersion()).query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                    INSERT INTO model_prices (model, price_version, input_nano_usd_per_mtok, output_nano_usd_per_mtok,
                                              per_call_nano_usd, cache_ratio_millionths, cache_write_ratio_millionths)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(event.model(), event.priceVersion(), price.inputNanoUsdPerMTok(),
                            price.outputNanoUsdPerMTok(), price.perCallNanoUsd(), millionths(price.cacheRatio()),
                            millionths(price.cacheWriteRatio()))
                    .update();
        }
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(GroupDefinedEvent event) {
        setGroupRatio(event.group(), event.ratio());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(GroupRatioChangedEvent event) {
        setGroupRatio(event.group(), event.ratio());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(SettingChangedEvent event) {
        int updated = jdbc.sql("UPDATE settings SET setting_value = ? WHERE setting_key = ?")
                .params(event.value(), event.key().wireName()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO settings (setting_key, setting_value) VALUES (?, ?)")
                    .params(event.key().wireName(), event.value()).update();
        }
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @QueryHandler
    public List<ChannelView> handle(ListChannelsQuery query) {
        Map<String, List<ChannelKey>> keys = new HashMap<>();
        jdbc.sql("SELECT channel_id, fingerprint, sealed_key FROM channel_keys WHERE status = 1 ORDER BY key_position")
                .query(rs -> {
                    keys.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new ChannelKey(rs.getString(2), rs.getString(3)));
                });
        return jdbc.sql("SELECT * FROM channels WHERE status = 1 ORDER BY priority DESC, name")
                .query((rs, row) -> channelView(rs, keys.getOrDefault(rs.getString("channel_id"), List.of())))
                .stream().filter(channel -> !channel.keys().isEmpty()).toList();
    }

    @QueryHandler
    public List<TestableChannel> handle(ListTestableChannelsQuery query) {
        Map<String, List<ChannelKey>> keys = new HashMap<>();
        Map<String, List<Integer>> statuses = new HashMap<>();
        String where = query.channelId() == null ? "" : " WHERE channel_id = ?";
        List<Object> params = query.channelId() == null ? List.of() : List.of(query.channelId());
        jdbc.sql("SELECT channel_id, fingerprint, sealed_key, status FROM channel_keys" + where
                + " ORDER BY key_position").params(params).query(rs -> {
                    keys.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new ChannelKey(rs.getString(2), rs.getString(3)));
                    statuses.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getInt(4));
                });
        return jdbc.sql("SELECT * FROM channels" + where + " ORDER BY channel_number").params(params)
                .query((rs, row) -> {
                    String channelId = rs.getString("channel_id");
                    ChannelView view = channelView(rs, keys.getOrDefault(channelId, List.of()));
                    String testModel = rs.getString("test_model");
                    return new TestableChannel(view, testModel != null ? testModel
                            : view.models().isEmpty() ? "gpt-4o-mini" : view.models().getFirst(),
                            rs.getInt("status"), statuses.getOrDefault(channelId, List.of()));
                }).stream().filter(channel -> !channel.channel().keys().isEmpty()).toList();
    }

    @QueryHandler
    public ChannelPage handle(SearchChannelsQuery query) {
        String where = "";
        List<Object> params = new ArrayList<>();
        if (!query.keyword().isEmpty()) {
            String like = Keywords.containing(query.keyword());
            where = " WHERE name LIKE ? ESCAPE '!' OR base_url LIKE ? ESCAPE '!' OR models LIKE ? ESCAPE '!'"
                    + " OR channel_number = ?";
            params.addAll(List.of(like, like, like, Keywords.asNumber(query.keyword())));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM channels" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(query.limit(), query.offset()));
        List<ChannelAdminView> items = jdbc.sql("SELECT * FROM channels" + where
                + " ORDER BY channel_number LIMIT ? OFFSET ?").params(paged)
                .query(this::channelAdminView).list();
        return new ChannelPage(items, total);
    }

    @QueryHandler
    public Optional<ChannelAdminView> handle(FindChannelQuery query) {
        return jdbc.sql("SELECT * FROM channels WHERE channel_id = ?").param(query.channelId())
                .query(this::channelAdminView).optional();
    }

    @QueryHandler
    public Optional<ChannelAdminView> handle(FindChannelByNumberQuery query) {
        return jdbc.sql("SELECT * FROM channels WHERE channel_number = ?").param(query.number())
                .query(this::channelAdminView).optional();
    }


    private ChannelAdminView channelAdminView(ResultSet rs, int row) throws SQLException {
        String channelId = rs.getString("channel_id");
        List<ChannelAdminView.KeyStatus> keys = jdbc.sql("""
                SELECT fingerprint, status, status_reason, status_changed_at_ms FROM channel_keys
                WHERE channel_id = ? ORDER BY key_position""").param(channelId)
                .query((k, i) -> new ChannelAdminView.KeyStatus(i, k.getString(1), k.getInt(2), k.getString(3),
                        instant(k, "status_changed_at_ms"))).list();
        return new ChannelAdminView(channelId, rs.getLong("channel_number"), rs.getString("name"),
                rs.getString("channel_type"), rs.getString("base_url"), JsonColumns.stringList(rs.getString("models")),
                JsonColumns.stringMap(rs.getString("model_mapping")),
                JsonColumns.stringList(rs.getString("channel_groups")), rs.getInt("priority"), rs.getInt("weight"),
                nullableLong(rs, "prompt_cache_ratio_millionths"), rs.getBoolean("thinking_to_content"),
                rs.getString("api_version"), KeySelection.valueOf(rs.getString("key_selection")),
                rs.getBoolean("auto_disable"), rs.getString("test_model"), rs.getInt("status"),
                rs.getString("status_reason"), instant(rs, "status_changed_at_ms"), keys, instant(rs, "tested_at_ms"),
                nullableLong(rs, "response_time_ms"), rs.getString("test_failure"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")), relayOptions(rs));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = nullableLong(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    @QueryHandler
    public List<ModelPriceView> handle(ListModelPricesQuery query) {
        return jdbc.sql("""
                SELECT p.* FROM model_prices p
                WHERE p.price_version = (SELECT MAX(price_version) FROM model_prices WHERE model = p.model)
                ORDER BY p.model""")
                .query(CatalogProjection::priceView).list();
    }

    @QueryHandler
    public List<GroupView> handle(ListGroupsQuery query) {
        return jdbc.sql("SELECT group_name, ratio_millionths FROM price_groups ORDER BY group_name")
                .query((rs, row) -> new GroupView(rs.getString(1), rs.getLong(2))).list();
    }

    @QueryHandler
    public SettingsView handle(FindSettingsQuery query) {
        Map<String, String> settings = new LinkedHashMap<>();
        jdbc.sql("SELECT setting_key, setting_value FROM settings ORDER BY setting_key")
                .query(rs -> {
                    settings.put(rs.getString(1), rs.getString(2));
                });
        return new SettingsView(settings);
    }

    private void updateConfiguration(String channelId, ChannelConfiguration c) {
        jdbc.sql("""
                UPDATE channels SET name = ?, channel_type = ?, base_url = ?, models = ?, model_mapping = ?,
                       channel_groups = ?, priority = ?, weight = ?, prompt_cache_ratio_millionths = ?,
                       thinking_to_content = ?, api_version = ?, key_selection = ?, auto_disable = ?, test_model = ?,
                       relay_options = ?
                WHERE channel_id = ?""")
                .params(c.name(), c.type().wireName(), c.baseUrl(), JsonColumns.write(c.models()),
                        JsonColumns.write(c.modelMapping()), JsonColumns.write(c.groups()), c.priority(), c.weight(),
                        millionths(c.settings().promptCacheRatio()), c.settings().thinkingToContent(),
                        c.settings().apiVersion(), c.settings().keySelection().name(), c.settings().autoDisable(),
                        c.settings().testModel(), relayOptions(c.settings().relay()), channelId)
                .update();
    }

    /** {@code NULL} for a channel that changes nothing, as most do. */
    private static @Nullable String relayOptions(ChannelRelayOptions relay) {
        return relay.equals(ChannelRelayOptions.NONE) ? null : JsonColumns.write(relay);
    }

    private static ChannelRelayOptions relayOptions(ResultSet rs) throws SQLException {
        return JsonColumns.read(rs.getString("relay_options"), ChannelRelayOptions.class, ChannelRelayOptions.NONE);
    }

    private void setGroupRatio(String group, Ratio ratio) {
        int updated = jdbc.sql("UPDATE price_groups SET ratio_millionths = ? WHERE group_name = ?")
                .params(ratio.millionths(), group).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO price_groups (group_name, ratio_millionths) VALUES (?, ?)")
                    .params(group, ratio.millionths()).update();
        }
    }

    private static @Nullable Long millionths(@Nullable Ratio ratio) {
        return ratio == null ? null : ratio.millionths();
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static ChannelView channelView(ResultSet rs, List<ChannelKey> keys) throws SQLException {
        return new ChannelView(rs.getString("channel_id"), rs.getString("name"), rs.getString("channel_type"),
                rs.getString("base_url"), keys, KeySelection.valueOf(rs.getString("key_selection")),
                JsonColumns.stringList(rs.getString("models")), JsonColumns.stringMap(rs.getString("model_mapping")),
                JsonColumns.stringList(rs.getString("channel_groups")), rs.getInt("priority"), rs.getInt("weight"),
                nullableLong(rs, "prompt_cache_ratio_millionths"), rs.getBoolean("thinking_to_content"),
                rs.getString("api_version"), rs.getBoolean("auto_disable"), relayOptions(rs));
    }

    private static ModelPriceView priceView(ResultSet rs, int row) throws SQLException {
        return new ModelPriceView(rs.getString("model"), rs.getInt("price_version"),
                rs.getLong("input_nano_usd_per_mtok"), rs.getLong("output_nano_usd_per_mtok"),
                nullableLong(rs, "per_call_nano_usd"), nullableLong(rs, "cache_ratio_millionths"),
                nullableLong(rs, "cache_write_ratio_millionths"));
    }
}
