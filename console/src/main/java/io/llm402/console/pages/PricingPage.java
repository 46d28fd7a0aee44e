package io.llm402.console.pages;

import io.llm402.console.support.ReadModel;
import io.llm402.console.support.Viewer;
import io.llm402.console.support.Viewers;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ListGroupsQuery;
import io.llm402.projections.catalog.api.ListModelPricesQuery;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Prices as the viewer pays them: USD per 1M tokens (input, output, cache read, cache write) or per call, times the
 * ratio of the viewer's group, with each model's price version (the one its receipts name).
 */
@Controller
class PricingPage {

    private static final long MILLION = 1_000_000L;

    private final Viewers viewers;
    private final ReadModel readModel;

    PricingPage(Viewers viewers, ReadModel readModel) {
        this.viewers = viewers;
        this.readModel = readModel;
    }

    /** One model's prices for the viewer, in nano-USD (per 1M tokens, or per call). */
    record PriceRow(String model, int version, @Nullable Long input, @Nullable Long output, @Nullable Long cacheRead,
                    @Nullable Long cacheWrite, @Nullable Long perCall) {
    }

    @GetMapping("/console/pricing")
    String pricing(Model model) {
        Viewer viewer = viewers.required();
        long ratio = readModel.list(new ListGroupsQuery(), GroupView.class).stream()
                .filter(group -> group.group().equals(viewer.group())).map(GroupView::ratioMillionths).findFirst()
                .orElse(MILLION);
        List<PriceRow> rows = readModel.list(new ListModelPricesQuery(), ModelPriceView.class).stream()
                .sorted(Comparator.comparing(ModelPriceView::model)).map(price -> row(price, ratio)).toList();
        model.addAttribute("prices", rows);
        model.addAttribute("group", viewer.group());
        model.addAttribute("groupRatio", ratio);
        return "console/pricing";
    }

    static PriceRow row(ModelPriceView price, long groupRatioMillionths) {
        if (price.perCallNanoUsd() != null) {
            return new PriceRow(price.model(), price.priceVersion(), null, null, null, null,
                    scale(price.perCallNanoUsd(), groupRatioMillionths));
        }
        long input = scale(price.inputNanoUsdPerMTok(), groupRatioMillionths);
        return new PriceRow(price.model(), price.priceVersion(), input,
                scale(price.outputNanoUsdPerMTok(), groupRatioMillionths),
                price.cacheRatioMillionths() == null ? null : scale(input, price.cacheRatioMillionths()),
                price.cacheWriteRatioMillionths() == null ? null : scale(input, price.cacheWriteRatioMillionths()),
                null);
    }

    /** {@code nanoUsd × millionths / 1,000,000}, exact, rounded half-even to the nano-dollar as the ledger does. */
    private static long scale(long nanoUsd, long millionths) {
        return BigDecimal.valueOf(nanoUsd).multiply(BigDecimal.valueOf(millionths))
                .divide(BigDecimal.valueOf(MILLION), 0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
