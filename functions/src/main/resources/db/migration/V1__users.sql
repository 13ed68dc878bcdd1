-- Accounts. The email is stored normalised (trimmed, lower-cased) by the auth feature, so the
-- unique index on it is what decides a duplicate, even for two registrations racing each other.
create table users (
    id            uuid        primary key,
    email         text        not null,
    password_hash text        not null,
    created_at    timestamptz not null default now(),
    constraint users_email_trimmed check (email = btrim(email) and length(email) between 3 and 254)
);

create unique index users_email_key on users (email);
