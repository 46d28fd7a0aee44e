package io.llm402.console.support;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language and time zone. The language is the {@code llm402_lang} cookie, set by {@code ?lang=} on
 * any page, else the browser's {@code Accept-Language} (any Chinese is zh-CN), else English.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("llm402_lang") {
            @Override
            public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
                return supported(super.resolveLocale(request));
            }
        };
        resolver.setDefaultLocaleFunction(request -> supported(request.getLocale()));
        resolver.setCookieMaxAge(java.time.Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    static Locale supported(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    @Bean
    Formats consoleFormats(@Value("${llm402.console.time-zone:UTC}") String zone) {
        return new Formats(ZoneId.of(zone));
    }
}
