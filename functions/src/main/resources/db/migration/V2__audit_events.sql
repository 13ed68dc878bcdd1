-- What users did (sign-ups, sign-ins, failed sign-ins, sign-outs), written by recordAuditEvent.
-- id is the event's own id, so a redelivered message inserts nothing. No foreign key to users:
-- the trail records unknown emails too (user_id null) and must outlive the accounts it mentions.
create table audit_events (
    id         uuid primary key,
    user_id    uuid,
    type       varchar(64) not null,
    ip         text,
    user_agent text,
    at         timestamptz not null
);

-- purgeAuditEvents deletes by age.
create index audit_events_at_idx on audit_events (at);
-- A user's own history.
create index audit_events_user_id_at_idx on audit_events (user_id, at) where user_id is not null;
