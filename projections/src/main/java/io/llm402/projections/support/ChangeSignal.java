package io.llm402.projections.support;

import io.llm402.projections.api.ReadModelChangedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Announces a read-model change once its transaction has committed (never before: readers would see old rows). */
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
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.publishEvent(event);
            }
        });
    }
}
