package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the source into tokens; {@code #} starts a comment that runs to the end of the line. Text it
 * cannot read is reported to {@code errors} and becomes a {@link Token.Kind#BROKEN} token, so the parser
 * goes on and finds the other errors.
 */
final class Lexer {

    private static final String TWO_CHAR = "<= >= == !=";
    private static final String ONE_CHAR = "+-*/()[],.:<>=";

    private Lexer() {
    }

    static List<Token> tokens(String source, List<RuleError> errors) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int column = i - lineStart + 1;
            if (c == '\n') {
                line++;
                i++;
                lineStart = i;
            }
            else if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '#') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            }
            else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(source.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isDigit(source.charAt(i)) || source.charAt(i) == '.')) {
                    i++;
                }
                String text = source.substring(start, i);
                if (text.indexOf('.') != text.lastIndexOf('.') || text.length() > 20) {
                    errors.add(new RuleError(line, column, "'" + shorten(text) + "' is not a number"));
                    tokens.add(new Token(Token.Kind.BROKEN, text, Double.NaN, line, column));
                }
                else {
                    tokens.add(new Token(Token.Kind.NUMBER, text, Double.parseDouble(text), line, column));
                }
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
                    i++;
                }
                String text = source.substring(start, i);
                if (text.length() > 40) {
                    errors.add(new RuleError(line, column, "the name '" + shorten(text) + "' is too long (at most 40 letters)"));
                    tokens.add(new Token(Token.Kind.BROKEN, text, Double.NaN, line, column));
                }
                else {
                    tokens.add(new Token(Token.Kind.IDENT, text, Double.NaN, line, column));
                }
            }
            else if (i + 1 < n && TWO_CHAR.contains(source.substring(i, i + 2))
                    && source.charAt(i + 1) == '=') {
                tokens.add(new Token(Token.Kind.SYMBOL, source.substring(i, i + 2), Double.NaN, line, column));
                i += 2;
            }
            else if (ONE_CHAR.indexOf(c) >= 0) {
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), Double.NaN, line, column));
                i++;
            }
            else {
                errors.add(new RuleError(line, column, "unexpected character '" + c + "'"));
                tokens.add(new Token(Token.Kind.BROKEN, String.valueOf(c), Double.NaN, line, column));
                i++;
            }
        }
        tokens.add(new Token(Token.Kind.END, "", Double.NaN, line, n - lineStart + 1));
        return tokens;
    }

    static String shorten(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
