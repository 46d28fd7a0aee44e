-- Axon's event store and token store on SQLite. Axon's table factories emit identity syntax SQLite rejects, so the
-- DDL is written here; column names and types follow Axon's default EventSchema and TokenSchema.
CREATE TABLE DomainEventEntry (
    globalIndex          INTEGER      PRIMARY KEY AUTOINCREMENT,
    aggregateIdentifier  VARCHAR(255) NOT NULL,
    sequenceNumber       BIGINT       NOT NULL,
    type                 VARCHAR(255),
    eventIdentifier      VARCHAR(255) NOT NULL UNIQUE,
    metaData             BLOB,
    payload              BLOB         NOT NULL,
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
    metaData             BLOB,
    payload              BLOB         NOT NULL,
    payloadRevision      VARCHAR(255),
    payloadType          VARCHAR(255) NOT NULL,
    timeStamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE TokenEntry (
    processorName  VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BLOB,
    tokenType      VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
