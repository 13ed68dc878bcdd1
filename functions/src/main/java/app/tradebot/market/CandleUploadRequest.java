package app.tradebot.market;

import jakarta.validation.constraints.NotBlank;

/** The pair a file's candles are of; the file itself goes to the upload URL. */
record CandleUploadRequest(@NotBlank String symbol, @NotBlank String interval) {
}
