-- Axon's event store and token store on PostgreSQL (as Axon's PostgresEventTableFactory and
-- PostgresTokenTableFactory create them). Unquoted names fold to lower case, as Axon's queries do.
CREATE TABLE DomainEventEntry (
    globalIndex          BIGSERIAL    PRIMARY KEY,
    aggregateIdentifier  VARCHAR(255) NOT NULL,
    sequenceNumber       BIGINT       NOT NULL,
    type                 VARCHAR(255),
    eventIdentifier      VARCHAR(255) NOT NULL UNIQUE,
    metaData             BYTEA,
    payload              BYTEA        NOT NULL,
    payloadRevision      VARCHAR(255),
    payloadType          VARCHAR(255) NOT NULL,
    timeStamp            VARCHAR(255) NOT NULL,
    UNIQUE (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier  VARCHAR(255) NOT NULL,
    sequenceNumber       BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    eventIdentifier      VARCHAR(255) NOT NULL UNIQUE,
    metaData             BYTEA,
    payload              BYTEA        NOT NULL,
    payloadRevision      VARCHAR(255),
    payloadType          VARCHAR(255) NOT NULL,
    timeStamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE TokenEntry (
    processorName  VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    tokenType      VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
