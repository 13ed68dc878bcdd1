package app.tradebot.strategy.rules;

/** A token of the source: kind, its text, where it starts. */
record Token(Kind kind, String text, double number, int line, int column) {

    enum Kind { NUMBER, IDENT, SYMBOL, END }

    boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbolOrWord);
    }

    String shown() {
        return kind == Kind.END ? "the end of the source" : "'" + text + "'";
    }
}
