package io.llm402.console;

import java.util.List;

/**
 * Every console page (all GET), with who may open it: the one table the console's security configuration is built
 * from and a test checks against the controllers. A page missing here is denied to everyone. Pages only read; what
 * they change goes through the management API and its own route table.
 */
public final class ConsoleRoutes {

    /** Who may open a page; each role includes the ones before it. */
    public enum Access {
        GUEST, USER, ADMIN, ROOT
    }

    public record Page(String path, Access access) {
    }

    /** The console's static files (scripts, styles, icon): public, and not a page. */
    public static final String ASSETS = "/console/assets/**";

    private static final List<Page> PAGES = List.of(
            new Page("/console/login", Access.GUEST),
            new Page("/console/setup", Access.GUEST),
            new Page("/console", Access.USER),
            new Page("/console/", Access.USER),
            new Page("/console/keys", Access.USER),
            new Page("/console/logs", Access.USER),
            new Page("/console/logs/rows", Access.USER),
            new Page("/console/logs/receipt/{requestId}", Access.USER),
            new Page("/console/logs/export.csv", Access.USER),
            new Page("/console/pricing", Access.USER),
            new Page("/console/admin/channels", Access.ADMIN));

    private ConsoleRoutes() {
    }

    public static List<Page> all() {
        return PAGES;
    }
}
