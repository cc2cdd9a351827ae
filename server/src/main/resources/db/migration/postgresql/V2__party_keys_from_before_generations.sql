-- A database written before key generations existed (baselined at V1 like any database from
-- before Flyway) has room_party_keys with one key per room and party and no generation column:
-- its keys become generation 0 (PartyKeys.LEGACY_GENERATION), and an erased generation keeps
-- its row with a NULL key. On a database created at V1 this changes nothing.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = 'room_party_keys'
                   AND column_name = 'generation') THEN
    ALTER TABLE room_party_keys ADD COLUMN generation INT NOT NULL DEFAULT 0;
    ALTER TABLE room_party_keys ALTER COLUMN generation DROP DEFAULT;
    ALTER TABLE room_party_keys ALTER COLUMN party_key DROP NOT NULL;
    ALTER TABLE room_party_keys DROP CONSTRAINT room_party_keys_pkey;
    ALTER TABLE room_party_keys ADD PRIMARY KEY (room_id, party, generation);
  END IF;
END $$;
