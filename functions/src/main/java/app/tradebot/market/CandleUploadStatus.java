package app.tradebot.market;

/** Where a candle upload stands: waiting for its file, queued for import, imported, or refused. */
enum CandleUploadStatus {
    AWAITING_UPLOAD, QUEUED, IMPORTED, FAILED
}
