package io.llm402.projections.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.llm402.domain.channel.api.ChannelConfiguration;
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
import io.llm402.domain.channel.api.ChannelTestedEvent;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.pricing.api.GroupDefinedEvent;
import io.llm402.domain.pricing.api.GroupRatioChangedEvent;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.pricing.api.ModelPriceDefinedEvent;
import io.llm402.domain.settings.api.SettingChangedEvent;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.Ratio;
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
import io.llm402.projections.support.ReadModelDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogProjectionTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private CatalogProjection projection;

    private static final ChannelKey KEY_A = new ChannelKey("fp-a", "v1:a");
    private static final ChannelKey KEY_B = new ChannelKey("fp-b", "v1:b");

    @BeforeEach
    void setUp() {
        projection = new CatalogProjection(ReadModelDatabase.migrated(dir), event -> { });
    }

    @Test
    void channelsKeepTheirLatestConfigurationAndKey() {
        ChannelConfiguration config = new ChannelConfiguration("main", ChannelType.OPENAI, "https://a", List.of("m"),
                Map.of("m", "m-2024"), List.of("default"), 10, 5, new ChannelSettings(Ratio.of("0.5"), true, "v1"));
        ChannelConfiguration lower = new ChannelConfiguration("main", ChannelType.OPENAI, "https://a", List.of("m"),
                Map.of("m", "m-2024"), List.of("default", "vip"), 1, 5, ChannelSettings.DEFAULTS);
        ChannelRegisteredEvent registered = new ChannelRegisteredEvent("c-1", config, List.of(KEY_A));
        projection.on(registered, new GlobalSequenceTrackingToken(4), AT);
        projection.on(registered, new GlobalSequenceTrackingToken(4), AT);
        projection.on(new ChannelConfigurationChangedEvent("c-1", lower));
        projection.on(new ChannelKeyReplacedEvent("c-1", List.of(KEY_B)));

        assertThat(projection.handle(new ListChannelsQuery())).containsExactly(new ChannelView("c-1", "main",
                "openai", "https://a", List.of(KEY_B), KeySelection.RANDOM, List.of("m"), Map.of("m", "m-2024"),
                List.of("default", "vip"), 1, 5, null, false, null, true));
        assertThat(projection.handle(new FindChannelByNumberQuery(5))).map(ChannelAdminView::channelId)
                .contains("c-1");
    }

    @Test
    void aDisabledChannelLeavesTheRouterButNotTheAdminListAndADeletedOneLeavesBoth() {
        ChannelConfiguration config = new ChannelConfiguration("main", ChannelType.OPENAI, "https://a", List.of("m"),
                Map.of(), List.of("default"), 0, 1, ChannelSettings.DEFAULTS);
        projection.on(new ChannelRegisteredEvent("c-1", config, List.of(KEY_A)), new GlobalSequenceTrackingToken(0),
                AT);
        projection.on(new ChannelRegisteredEvent("c-2", config, List.of(KEY_B)), new GlobalSequenceTrackingToken(1),
                AT);
        projection.on(new ChannelDisabledEvent("c-1", "quota exhausted", false), AT);

        assertThat(projection.handle(new ListChannelsQuery())).extracting(ChannelView::channelId)
                .containsExactly("c-2");
        ChannelPage page = projection.handle(new SearchChannelsQuery("", 0, 10));
        assertThat(page.total()).as("names may repeat, as in new-api").isEqualTo(2);
        assertThat(page.items().getFirst().status()).isEqualTo(2);
        assertThat(page.items().getFirst().statusReason()).isEqualTo("quota exhausted");

        projection.on(new ChannelEnabledEvent("c-1"), AT);
        assertThat(projection.handle(new ListChannelsQuery())).hasSize(2);
        projection.on(new ChannelDeletedEvent("c-2"));
        assertThat(projection.handle(new SearchChannelsQuery("", 0, 10)).items()).extracting(ChannelAdminView::number)
                .containsExactly(1L);
        assertThat(projection.handle(new SearchChannelsQuery("https://a", 0, 10)).total()).isEqualTo(1);
    }

    @Test
    void keysAreListedInOrderWithTheirStatusAndOnlyEnabledOnesRoute() {
        ChannelConfiguration config = new ChannelConfiguration("multi", ChannelType.OPENAI, "https://a", List.of("m"),
                Map.of(), List.of("default"), 0, 1, ChannelSettings.DEFAULTS);
        ChannelKey keyC = new ChannelKey("fp-c", "v1:c");
        projection.on(new ChannelRegisteredEvent("c-1", config, List.of(KEY_A)), new GlobalSequenceTrackingToken(0),
                AT);
        projection.on(new ChannelKeysAddedEvent("c-1", List.of(KEY_B, keyC)));
        projection.on(new ChannelKeysAddedEvent("c-1", List.of(KEY_B)));
        projection.on(new ChannelKeyDisabledEvent("c-1", "fp-b", "HTTP 401 invalid_api_key", true), AT);

        assertThat(projection.handle(new ListChannelsQuery()).getFirst().keys()).containsExactly(KEY_A, keyC);
        ChannelAdminView admin = projection.handle(new FindChannelQuery("c-1")).orElseThrow();
        assertThat(admin.keys()).extracting(ChannelAdminView.KeyStatus::fingerprint, ChannelAdminView.KeyStatus::status,
                ChannelAdminView.KeyStatus::reason).containsExactly(tuple("fp-a", 1, null),
                tuple("fp-b", 3, "HTTP 401 invalid_api_key"), tuple("fp-c", 1, null));

        projection.on(new ChannelKeysRemovedEvent("c-1", List.of("fp-a")));
        projection.on(new ChannelKeyEnabledEvent("c-1", "fp-b"), AT);
        projection.on(new ChannelTestedEvent("c-1", "m", "fp-b", true, 321, null), AT);
        admin = projection.handle(new FindChannelQuery("c-1")).orElseThrow();
        assertThat(admin.keys()).extracting(ChannelAdminView.KeyStatus::fingerprint).containsExactly("fp-b", "fp-c");
        assertThat(admin.responseTimeMs()).isEqualTo(321);
        assertThat(admin.testedAt()).isEqualTo(AT);
        assertThat(projection.handle(new ListChannelsQuery()).getFirst().keys()).containsExactly(KEY_B, keyC);

        projection.on(new ChannelDisabledEvent("c-1", "All keys are disabled", true), AT);
        assertThat(projection.handle(new FindChannelQuery("c-1")).orElseThrow().status()).isEqualTo(3);
        assertThat(projection.handle(new ListChannelsQuery())).isEmpty();
    }

    @Test
    void theCurrentPriceIsTheHighestVersion() {
        ModelPrice first = new ModelPrice(150_000_000L, 600_000_000L, null, Ratio.of("0.5"), null);
        ModelPrice second = new ModelPrice(100_000_000L, 600_000_000L, null, null, Ratio.of("1.25"));
        projection.on(new ModelPriceDefinedEvent("mini", 1, first));
        projection.on(new ModelPriceDefinedEvent("mini", 2, second));
        projection.on(new ModelPriceDefinedEvent("mini", 2, second));
        projection.on(new ModelPriceDefinedEvent("rerank", 1, new ModelPrice(0, 0, 2_000_000L, null, null)));

        assertThat(projection.handle(new ListModelPricesQuery())).containsExactly(
                new ModelPriceView("mini", 2, 100_000_000L, 600_000_000L, null, null, 1_250_000L),
                new ModelPriceView("rerank", 1, 0, 0, 2_000_000L, null, null));
    }

    @Test
    void groupsAndSettingsHoldTheirLatestValues() {
        projection.on(new GroupDefinedEvent("vip", Ratio.of("0.8")));
        projection.on(new GroupRatioChangedEvent("vip", Ratio.of("0.7")));
        projection.on(new SettingChangedEvent("global", SettingKey.PROMPT_CACHE_RATIO, "0.5"));
        projection.on(new SettingChangedEvent("global", SettingKey.PROMPT_CACHE_RATIO, "0.25"));

        assertThat(projection.handle(new ListGroupsQuery())).containsExactly(new GroupView("vip", 700_000L));
        assertThat(projection.handle(new FindSettingsQuery()).values()).isEqualTo(Map.of("prompt_cache_ratio", "0.25"));
    }
}
