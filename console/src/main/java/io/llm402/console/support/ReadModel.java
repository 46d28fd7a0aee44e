package io.llm402.console.support;

import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** The projections, as the console reads them: blocking queries (a page is rendered on its own virtual thread). */
@Component
public class ReadModel {

    private final QueryGateway queries;

    ReadModel(QueryGateway queries) {
        this.queries = queries;
    }

    public <R> R one(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.instanceOf(type)).join();
    }

    public <R> Optional<R> optional(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }

    public <R> List<R> list(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(type)).join();
    }
}
