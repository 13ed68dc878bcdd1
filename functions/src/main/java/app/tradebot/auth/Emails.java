package app.tradebot.auth;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** One spelling per mailbox: how an email is stored, looked up and compared. */
final class Emails {

    static final int MAX_LENGTH = 254;

    /** local@domain.tld: no spaces, control characters or second @; a dot in the domain. */
    static final String PATTERN = "^[^@\\s\\p{Cntrl}]{1,64}@(?:[^@\\s\\p{Cntrl}.]+\\.)+[^@\\s\\p{Cntrl}.]{2,}$";

    private static final Pattern EDGE_SPACE = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

    private Emails() {
    }

    /** Trimmed, NFC, lower-cased; null stays null so validation can say it is missing. */
    static String normalize(String email) {
        if (email == null) {
            return null;
        }
        // Also no-break and other Unicode spaces, which paste along with an address.
        String trimmed = EDGE_SPACE.matcher(email).replaceAll("");
        return Normalizer.normalize(trimmed, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
