package app.tradebot.platform.storage;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Where large uploads wait for the task that reads them: S3 in AWS ({@link S3ObjectStore}, the
 * browser sends the file straight to a presigned URL, past the HTTP API's 6 MB payload limit), a
 * directory elsewhere ({@link DirectoryObjectStore}).
 */
public interface ObjectStore {

    /** A URL that lets whoever holds it PUT one object at {@code key}, with this content type, until it expires. */
    PresignedUpload presignUpload(String key, String contentType, Duration validFor);

    /** The object's content, or empty when nothing was uploaded at {@code key}. */
    Optional<InputStream> open(String key);

    /** Removes the object; nothing happens when there is none. */
    void delete(String key);
}
