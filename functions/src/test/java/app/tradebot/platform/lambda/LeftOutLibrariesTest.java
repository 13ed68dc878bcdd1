package app.tradebot.platform.lambda;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import app.tradebot.TradeBotFunctions;
import app.tradebot.runtime.LambdaSecrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lettuce is on the build's class path (Spring Boot's Redis starter brings it) but in no artefact: every Lambda
 * package and the all-in-one jar leave it out, Redis being Jedis. A class of ours that names one of its classes
 * compiles and passes its unit tests, and in the artefacts throws {@link NoClassDefFoundError} where the JVM first
 * resolves the name: an {@code instanceof} against Lettuce's connection exception once turned every failure that was
 * not the database's into that error instead of its 500 answer. The AWS SDK is the same: on the test class path
 * only (the signer the tests compare TradeBot's SigV4 with), in no artefact.
 */
class LeftOutLibrariesTest {

    static final String LETTUCE = "io/lettuce/";
    static final String AWS_SDK = "software/amazon/awssdk/";

    @Test
    void noClassOfOursNamesLettuce() throws Exception {
        assertThat(classesNaming(LETTUCE)).as("classes naming Lettuce").isEmpty();
    }

    @Test
    void noClassOfOursNamesTheAwsSdk() throws Exception {
        assertThat(classesNaming(AWS_SDK)).as("classes naming the AWS SDK").isEmpty();
    }

    private static List<String> classesNaming(String library) throws Exception {
        List<String> naming = new ArrayList<>();
        for (Path classes : List.of(classesOf(TradeBotFunctions.class), classesOf(LambdaSecrets.class))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(library)) {
                        naming.add(classes.relativize(file).toString());
                    }
                }
            }
        }
        return naming;
    }

    /** The scan reads what it should: the class files of both modules, which do name the libraries they use. */
    @Test
    void theScanFindsTheLibrariesOurClassesDoName() throws Exception {
        String jedis = new String(Files.readAllBytes(classesOf(TradeBotFunctions.class)
                .resolve("app/tradebot/platform/http/DependencyFailures.class")), StandardCharsets.ISO_8859_1);
        assertThat(jedis).contains("redis/clients/jedis/");
        try (Stream<Path> runtime = Files.walk(classesOf(LambdaSecrets.class))) {
            assertThat(runtime.filter(f -> f.toString().endsWith(".class")).count()).as("the runtime module's classes").isPositive();
        }
    }

    private static Path classesOf(Class<?> type) throws URISyntaxException, IOException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return location;
        }
        // the runtime module as a jar (a reactor build past its package phase): read it as a file system
        return FileSystems.newFileSystem(location).getPath("/");
    }
}
