package io.llm402.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.console.support.Viewer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The log's CSV fields and filters. */
class LogsPageTest {

    private static final Viewer USER = new Viewer("u-1", 2, "alice", "Alice", "user", "default");
    private static final Viewer ADMIN = new Viewer("u-0", 1, "root", "Root", "root", "default");

    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertThat(LogsPage.csv("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(LogsPage.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(LogsPage.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(LogsPage.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(LogsPage.csv(null)).isEmpty();
    }

    @Test
    void aUsersFilterIsAlwaysTheirOwnAndCannotNameAnotherUserOrChannel() {
        LogFilters filters = LogFilters.of(new LogFilters.Parameters("7d", "gpt-4o", null, "posted", "root", "3"),
                USER);

        assertThat(filters.user()).isNull();
        assertThat(filters.channel()).isNull();
        assertThat(filters.toQuery(USER, Instant.now()).userId()).isEqualTo("u-1");
        assertThat(filters.query()).isEqualTo("range=7d&model=gpt-4o&phase=posted");
    }

    @Test
    void anAdminFiltersByUserAndChannelAndUnknownPhasesAreIgnored() {
        LogFilters filters = LogFilters.of(new LogFilters.Parameters(null, " ", null, "deleted", "alice", "3"),
                ADMIN);

        assertThat(filters.range()).isEqualTo("24h");
        assertThat(filters.model()).isNull();
        assertThat(filters.phase()).isNull();
        assertThat(filters.toQuery(ADMIN, Instant.now()).userId()).isNull();
        assertThat(filters.toQuery(ADMIN, Instant.now()).username()).isEqualTo("alice");
        assertThat(filters.channel()).isEqualTo(3L);
    }
}
