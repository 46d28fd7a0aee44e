-- Axon's event store and token store on MySQL/MariaDB (as Axon's MySqlEventTableFactory creates them,
-- with LONGBLOB so large payloads fit). Table names are case-sensitive on Linux: they match Axon's queries.
CREATE TABLE DomainEventEntry (
    globalIndex          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    aggregateIdentifier  VARCHAR(255) NOT NULL,
    sequenceNumber       BIGINT       NOT NULL,
    type                 VARCHAR(255),
    eventIdentifier      VARCHAR(255) NOT NULL UNIQUE,
    metaData             LONGBLOB,
    payload              LONGBLOB     NOT NULL,
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
    metaData             LONGBLOB,
    payload              LONGBLOB     NOT NULL,
    payloadRevision      VARCHAR(255),
    payloadType          VARCHAR(255) NOT NULL,
    timeStamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE TokenEntry (
    processorName  VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          LONGBLOB,
    tokenType      VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
