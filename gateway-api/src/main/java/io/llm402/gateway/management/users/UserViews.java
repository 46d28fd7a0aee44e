package io.llm402.gateway.management.users;

import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.UserJson;
import io.llm402.projections.access.api.Bindings;
import io.llm402.projections.access.api.ListBindingsQuery;
import io.llm402.projections.access.api.UserView;
import io.llm402.projections.ledger.api.FindWalletBalanceQuery;
import io.llm402.projections.ledger.api.WalletBalanceView;
import io.llm402.projections.requests.api.FindUserSpendingQuery;
import io.llm402.projections.requests.api.UserSpendingView;
import org.springframework.stereotype.Component;

/** A user's management view with their balance, spending and bound external logins. */
@Component
class UserViews {

    private final AccessReadModel readModel;

    UserViews(AccessReadModel readModel) {
        this.readModel = readModel;
    }

    UserJson json(UserView user) {
        long balance = readModel.query(new FindWalletBalanceQuery(user.userId()), WalletBalanceView.class)
                .balanceNanoUsd();
        UserSpendingView spending = readModel.query(new FindUserSpendingQuery(user.userId()), UserSpendingView.class);
        Bindings bindings = readModel.query(new ListBindingsQuery(user.userId()), Bindings.class);
        return UserJson.of(user, balance, spending.spentNanoUsd(), spending.requests(), bindings);
    }
}
