-- The daily loss limit of an exchange account across all its bots, in their quote asset (null: none).
-- When the bots' realised plus unrealised PnL since 00:00 UTC reaches minus this, every bot on the account
-- that checks it stops with reason risk (bots.PreTradeChecks).
alter table exchange_accounts add column daily_loss_limit_quote numeric(38, 18);
alter table exchange_accounts add constraint exchange_accounts_daily_loss_limit_positive
    check (daily_loss_limit_quote is null or daily_loss_limit_quote > 0);
