package app.tradebot.market;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The task of importCandleUpload: import the file of one upload. */
record CandleUploadTask(@NotNull UUID uploadId) {
}
