package app.tradebot.platform.storage;

import java.nio.file.Path;
import java.time.Clock;

import app.tradebot.runtime.LambdaCredentials;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * S3 when template.yaml names the bucket (UPLOAD_BUCKET, with the region Lambda sets in AWS_REGION),
 * else a directory ({@code tradebot.uploads.directory}, by default under the temporary directory).
 * S3's URLs are signed with the function's role, as Lambda gives it ({@link LambdaCredentials}).
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ObjectStore objectStore(@Value("${UPLOAD_BUCKET:}") String bucket, @Value("${AWS_REGION:}") String region,
            @Value("${tradebot.uploads.directory:${java.io.tmpdir}/tradebot-uploads}") String directory,
            ObjectProvider<Clock> clock, Environment environment) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        if (!bucket.isBlank()) {
            if (region.isBlank()) {
                throw new IllegalStateException("UPLOAD_BUCKET is set but AWS_REGION is not");
            }
            return new S3ObjectStore(bucket, region, LambdaCredentials.from(environment::getProperty, time), time);
        }
        return new DirectoryObjectStore(Path.of(directory), time);
    }
}
