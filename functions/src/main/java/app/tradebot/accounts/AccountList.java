package app.tradebot.accounts;

import java.util.List;

/** {@code GET /api/accounts}: the caller's accounts, oldest first. */
record AccountList(List<AccountView> accounts) {
}
