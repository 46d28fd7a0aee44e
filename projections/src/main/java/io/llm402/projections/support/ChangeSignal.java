package io.llm402.projections.support;

import io.llm402.projections.api.ReadModelChangedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Announces a read-model change once its transaction has committed (never before: readers would see old rows), once
 * per transaction and read model however many rows changed.
 */
public final class ChangeSignal {

    private final ApplicationEventPublisher publisher;

    public ChangeSignal(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void changed(String readModel) {
        ReadModelChangedEvent event = new ReadModelChangedEvent(readModel);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publisher.publishEvent(event);
            return;
        }
        String key = ChangeSignal.class.getName() + "/" + readModel;
        if (TransactionSynchronizationManager.hasResource(key)) {
            return; // already announced for this transaction
        }
        TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }

            @Override
            public void afterCommit() {
                publisher.publishEvent(event);
            }
        });
    }
}
