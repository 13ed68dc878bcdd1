-- A user's exchange accounts. API keys and secrets are Fernet tokens (FERNET_KEY/FERNET_KEYS),
-- never plaintext; api_key_hint keeps the key's last four characters for the user to recognise.
-- Paper accounts have no keys (their balances are the exchange feature's ledger), the others must.
create table exchange_accounts (
    id             uuid        primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    name           text        not null,
    kind           text        not null,
    api_key_enc    text,
    api_secret_enc text,
    api_key_hint   text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint exchange_accounts_user_name_key unique (user_id, name),
    constraint exchange_accounts_name_trimmed check (name = btrim(name) and length(name) between 1 and 64),
    constraint exchange_accounts_kind check (kind in ('paper', 'binance', 'binance-testnet')),
    constraint exchange_accounts_keys_by_kind check (
        case when kind = 'paper'
             then api_key_enc is null and api_secret_enc is null and api_key_hint is null
             else api_key_enc is not null and api_secret_enc is not null and api_key_hint is not null
        end)
);
