package app.tradebot.accounts;

/** What an account name may be: the rules of the request records and of the table's check. */
final class AccountNames {

    static final int MAX_LENGTH = 64;
    /** No control characters (tabs, new lines, escapes): a name is shown on one line. */
    static final String PATTERN = "[^\\p{Cntrl}]*";
    static final String PATTERN_MESSAGE = "must not contain control characters";

    private AccountNames() {
    }

    static String normalize(String name) {
        return name == null ? null : name.strip();
    }
}
