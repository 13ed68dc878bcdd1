-- Each paper account's balance per asset, kept in step with the ledger in the same transaction as
-- every entry: reading a balance no longer sums the whole ledger (a replay books thousands of orders).
-- The ledger stays the record of why each balance is what it is.
create table paper_balances (
    account_id uuid        not null references paper_accounts (account_id) on delete cascade,
    asset      varchar(20) not null,
    free       numeric     not null,
    locked     numeric     not null,
    primary key (account_id, asset)
);
insert into paper_balances (account_id, asset, free, locked)
select account_id, asset, sum(free_change), sum(locked_change) from paper_ledger group by account_id, asset;
