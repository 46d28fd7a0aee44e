package io.llm402.gateway.management;

import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByNumberQuery;
import io.llm402.projections.access.api.FindUserByNumberQuery;
import io.llm402.projections.access.api.FindUserQuery;
import io.llm402.projections.access.api.UserView;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Users and tokens as the management API reads them, and the short wait for a change just made to show there
 * (the projection follows the event store a few milliseconds behind).
 */
@Component
public class AccessReadModel {

    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final QueryGateway queries;

    public AccessReadModel(QueryGateway queries) {
        this.queries = queries;
    }

    public Optional<UserView> user(String userId) {
        return queries.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }

    public Optional<UserView> userByNumber(long number) {
        return queries.query(new FindUserByNumberQuery(number), ResponseTypes.optionalInstanceOf(UserView.class))
                .join();
    }

    public Optional<ApiTokenView> tokenByNumber(long number) {
        return queries.query(new FindApiTokenByNumberQuery(number),
                ResponseTypes.optionalInstanceOf(ApiTokenView.class)).join();
    }

    public <R> R query(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.instanceOf(type)).join();
    }

    public <R> Optional<R> queryOptional(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }

    /** Waits until the user's row satisfies {@code done}; answers it (or the last read, if the wait ran out). */
    public Optional<UserView> awaitUser(String userId, Predicate<UserView> done) {
        return await(() -> user(userId), done);
    }

    public <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> done) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Optional<T> value = read.get();
        while (value.filter(done).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = read.get();
        }
        return value;
    }
}
