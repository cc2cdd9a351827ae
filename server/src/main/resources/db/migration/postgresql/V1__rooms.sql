-- The shared PostgreSQL store: Axon's JDBC event tables (PostgresEventTableFactory's DDL) and
-- the party keys, one row per room, party and key generation (party_key NULL once that
-- generation was erased), as every server before Flyway created them on start. A database
-- that already has these tables is baselined at this version, not recreated.
CREATE TABLE DomainEventEntry (
    globalIndex BIGSERIAL NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BYTEA,
    payload BYTEA NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BYTEA,
    payload BYTEA NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE room_party_keys (
    room_id VARCHAR(64) NOT NULL,
    party VARCHAR(64) NOT NULL,
    generation INT NOT NULL,
    party_key BYTEA,
    PRIMARY KEY (room_id, party, generation)
);
