package app.tradebot.strategy.rules;

/** A token of the source: kind, its text, where it starts. */
record Token(Kind kind, String text, double number, int line, int column) {

    /** BROKEN: text the lexer refused (and reported); the parser takes it as a broken value, silently. */
    enum Kind { NUMBER, IDENT, SYMBOL, BROKEN, END }

    boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbolOrWord);
    }

    String shown() {
        return kind == Kind.END ? "the end of the source" : "'" + text + "'";
    }
}
