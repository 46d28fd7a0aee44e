package io.llm402.console.support;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout reads: the viewer, formats, the language, the asset versions. */
@ControllerAdvice(basePackages = "io.llm402.console")
class ConsoleModel {

    private final Viewers viewers;
    private final Formats formats;
    private final Assets assets;

    ConsoleModel(Viewers viewers, Formats formats) {
        this.viewers = viewers;
        this.formats = formats;
        this.assets = new Assets(webjarVersion("org.webjars", "bootstrap"), webjarVersion("org.webjars.npm", "htmx.org"),
                webjarVersion("org.webjars.npm", "echarts"));
    }

    /** The webjars' versions (as built in, from their Maven metadata): URLs carry them, so they may be cached. */
    record Assets(String bootstrap, String htmx, String echarts) {
    }

    private static String webjarVersion(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ConsoleModel.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the console's webjar " + artifact + " is missing");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ModelAttribute("viewer")
    @Nullable Viewer viewer() {
        return viewers.current().orElse(null);
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return formats;
    }

    @ModelAttribute("assets")
    Assets assets() {
        return assets;
    }

    /** {@code en} or {@code zh-CN}, for {@code <html lang>} and for ECharts' locale. */
    @ModelAttribute("lang")
    String lang(Locale locale) {
        return ConsoleWebConfiguration.supported(locale).toLanguageTag();
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
