package io.llm402.gateway.management;

import io.llm402.domain.access.api.NoSuchApiTokenException;
import io.llm402.domain.account.api.UserManagementRefusedException;
import io.llm402.domain.shared.NoSuchAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every management failure in the envelope, with a real status; nothing internal in the message. */
@RestControllerAdvice(basePackages = "io.llm402.gateway.management")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ManagementErrors {

    private static final Logger log = LoggerFactory.getLogger(ManagementErrors.class);

    @ExceptionHandler(ManagementException.class)
    ResponseEntity<Envelope<Void>> on(ManagementException e) {
        return ResponseEntity.status(e.status()).body(Envelope.failure(e.getMessage(), e.code()));
    }

    @ExceptionHandler(UserManagementRefusedException.class)
    ResponseEntity<Envelope<Void>> on(UserManagementRefusedException e) {
        HttpStatus status = switch (e.reason()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status).body(Envelope.failure(e.getMessage(), e.reason().name()));
    }

    @ExceptionHandler({NoSuchApiTokenException.class, NoSuchAggregateException.class,
            AggregateNotFoundException.class})
    ResponseEntity<Envelope<Void>> notFound(Exception e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Envelope.failure(
                e instanceof AggregateNotFoundException ? "not found" : e.getMessage(), "NOT_FOUND"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Void>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Envelope.failure(
                "the request body is not valid JSON of the expected shape", "INVALID_REQUEST"));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Envelope<Void>> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return ResponseEntity.badRequest().body(Envelope.failure(name + " is missing or malformed", "INVALID_REQUEST"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Void>> unexpected(Exception e) {
        log.error("management call failed", e);
        return ResponseEntity.internalServerError().body(Envelope.failure("internal error", "INTERNAL"));
    }
}
