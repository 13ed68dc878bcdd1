-- An account's worth in USDT over time, written by snapshotEquity (every 5 minutes and after every fill).
-- No foreign key to the account: the history is the user's, read only through their account.
create table equity_snapshots (
    account_id  uuid            not null,
    user_id     uuid            not null,
    at          timestamptz     not null,
    equity_usdt numeric(38, 18) not null,
    -- Assets held that had no price then: not in equity_usdt.
    unpriced    text[]          not null default '{}',
    primary key (account_id, at)
);

-- What reconcileBalances last read from a Binance account (asset → free + locked) and the latest fill of
-- its bots it had counted: the next run expects these balances moved by the later fills alone.
create table balance_baselines (
    account_id  uuid        primary key,
    balances    jsonb       not null,
    fill_seq    bigint      not null,
    at          timestamptz not null
);

-- A difference between an exchange account's balances and what its bots account for.
create table balance_drifts (
    id          uuid            primary key,
    account_id  uuid            not null,
    user_id     uuid            not null,
    asset       varchar(20)     not null,
    -- UNEXPLAINED: the balance moved other than by the bots' fills (a deposit, a withdrawal, a trade by hand);
    -- SHORTFALL: the account holds less than its bots' positions add up to.
    kind        varchar(16)     not null check (kind in ('UNEXPLAINED', 'SHORTFALL')),
    expected    numeric(38, 18) not null,
    actual      numeric(38, 18) not null,
    at          timestamptz     not null
);
create index balance_drifts_account_idx on balance_drifts (account_id, asset, kind, at);
