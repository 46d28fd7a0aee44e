package io.llm402.projections.catalog;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDeletedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelEnabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
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
import io.llm402.projections.catalog.api.SettingsView;
import io.llm402.projections.support.ChangeSignal;
import io.llm402.projections.support.JsonColumns;
import io.llm402.projections.support.Keywords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
        jdbc.sql("DELETE FROM channels").update();
        jdbc.sql("DELETE FROM model_prices").update();
        jdbc.sql("DELETE FROM price_groups").update();
        jdbc.sql("DELETE FROM settings").update();
    }

    @EventHandler
    void on(ChannelRegisteredEvent event, TrackingToken token, @Timestamp Instant at) {
        int updated = jdbc.sql("UPDATE channels SET sealed_key = ? WHERE channel_id = ?")
                .params(event.sealedKey(), event.channelId()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO channels (channel_id, name, channel_type, base_url, sealed_key, models, model_mapping,
                                          channel_groups, priority, weight, thinking_to_content, channel_number,
                                          created_at_ms)
                    VALUES (?, ?, '', '', ?, '[]', '{}', '[]', 0, 0, FALSE, ?, ?)""")
                    .params(event.channelId(), event.configuration().name(), event.sealedKey(),
                            token.position().orElseThrow() + 1, at.toEpochMilli()).update();
        }
        updateConfiguration(event.channelId(), event.configuration());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelConfigurationChangedEvent event) {
        updateConfiguration(event.channelId(), event.configuration());
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelKeyReplacedEvent event) {
        jdbc.sql("UPDATE channels SET sealed_key = ? WHERE channel_id = ?")
                .params(event.sealedKey(), event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelDisabledEvent event) {
        String reason = event.reason().length() > 255 ? event.reason().substring(0, 255) : event.reason();
        jdbc.sql("UPDATE channels SET status = 2, status_reason = ? WHERE channel_id = ?")
                .params(reason, event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelEnabledEvent event) {
        jdbc.sql("UPDATE channels SET status = 1, status_reason = NULL WHERE channel_id = ?")
                .param(event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
    }

    @EventHandler
    void on(ChannelDeletedEvent event) {
        jdbc.sql("DELETE FROM channels WHERE channel_id = ?").param(event.channelId()).update();
        signal.changed(ReadModelChangedEvent.CATALOG);
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
        return jdbc.sql("SELECT * FROM channels WHERE status = 1 ORDER BY priority DESC, name")
                .query(CatalogProjection::channelView).list();
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
                .query(CatalogProjection::channelAdminView).list();
        return new ChannelPage(items, total);
    }

    @QueryHandler
    public Optional<ChannelAdminView> handle(FindChannelQuery query) {
        return jdbc.sql("SELECT * FROM channels WHERE channel_id = ?").param(query.channelId())
                .query(CatalogProjection::channelAdminView).optional();
    }

    @QueryHandler
    public Optional<ChannelAdminView> handle(FindChannelByNumberQuery query) {
        return jdbc.sql("SELECT * FROM channels WHERE channel_number = ?").param(query.number())
                .query(CatalogProjection::channelAdminView).optional();
    }


    private static ChannelAdminView channelAdminView(ResultSet rs, int row) throws SQLException {
        return new ChannelAdminView(rs.getString("channel_id"), rs.getLong("channel_number"), rs.getString("name"),
                rs.getString("channel_type"), rs.getString("base_url"), JsonColumns.stringList(rs.getString("models")),
                JsonColumns.stringMap(rs.getString("model_mapping")),
                JsonColumns.stringList(rs.getString("channel_groups")), rs.getInt("priority"), rs.getInt("weight"),
                nullableLong(rs, "prompt_cache_ratio_millionths"), rs.getBoolean("thinking_to_content"),
                rs.getString("api_version"), rs.getInt("status"), rs.getString("status_reason"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")));
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
                       thinking_to_content = ?, api_version = ?
                WHERE channel_id = ?""")
                .params(c.name(), c.type().wireName(), c.baseUrl(), JsonColumns.write(c.models()),
                        JsonColumns.write(c.modelMapping()), JsonColumns.write(c.groups()), c.priority(), c.weight(),
                        millionths(c.settings().promptCacheRatio()), c.settings().thinkingToContent(),
                        c.settings().apiVersion(), channelId)
                .update();
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

    private static ChannelView channelView(ResultSet rs, int row) throws SQLException {
        return new ChannelView(rs.getString("channel_id"), rs.getString("name"), rs.getString("channel_type"),
                rs.getString("base_url"), rs.getString("sealed_key"), JsonColumns.stringList(rs.getString("models")),
                JsonColumns.stringMap(rs.getString("model_mapping")),
                JsonColumns.stringList(rs.getString("channel_groups")), rs.getInt("priority"), rs.getInt("weight"),
                nullableLong(rs, "prompt_cache_ratio_millionths"), rs.getBoolean("thinking_to_content"),
                rs.getString("api_version"));
    }

    private static ModelPriceView priceView(ResultSet rs, int row) throws SQLException {
        return new ModelPriceView(rs.getString("model"), rs.getInt("price_version"),
                rs.getLong("input_nano_usd_per_mtok"), rs.getLong("output_nano_usd_per_mtok"),
                nullableLong(rs, "per_call_nano_usd"), nullableLong(rs, "cache_ratio_millionths"),
                nullableLong(rs, "cache_write_ratio_millionths"));
    }
}
