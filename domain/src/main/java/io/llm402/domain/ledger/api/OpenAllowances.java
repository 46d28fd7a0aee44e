package io.llm402.domain.ledger.api;

import java.util.List;

/** Where recovery learns which allowances a node owned (a read model; wired outside the domain). */
@FunctionalInterface
public interface OpenAllowances {

    List<OpenAllowance> ownedBy(String nodeId);
}
