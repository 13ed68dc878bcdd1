import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One Lambda cold start, measured from inside the JVM: stands in for AWS Lambda's Java runtime
 * (which constructs the Handler of template.yaml, FunctionInvoker, then calls handleRequest once),
 * with only the shaded tradebot-functions-aws.jar and this class on the class path.
 *
 * <p>Usage: {@code java -cp tradebot-functions-aws.jar:lambda-cold-start.jar LambdaColdStart
 * EVENT_FILE ANSWER_FILE [RESULT_FILE]}. SPRING_CLOUD_FUNCTION_DEFINITION names the function. The
 * answer is written to ANSWER_FILE (stdout carries the application's log); one line {@code jvmStartToAnswerMs=... jvmStartToMainMs=... invokerInitMs=...
 * firstInvokeMs=... status=... loadavg=...} goes to stderr and, when given, is appended to RESULT_FILE.
 * Exits 1 unless the function answered with a 2xx status, so a broken run never counts as a
 * sample.
 *
 * <p>The clock: the JVM records its own start (RuntimeMXBean#getStartTime, taken while the VM is
 * created, before any class of ours loads); the end is the moment handleRequest returns. Both are
 * wall-clock milliseconds. java.management is loaded only after the end mark so that reading the
 * start time does not lengthen what it measures.
 */
public class LambdaColdStart {

    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        byte[] event = Files.readAllBytes(Path.of(args[0]));

        long initStart = System.nanoTime();
        FunctionInvoker invoker = new FunctionInvoker();
        long initNanos = System.nanoTime() - initStart;

        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        long invokeStart = System.nanoTime();
        invoker.handleRequest(new ByteArrayInputStream(event), answer, null);
        long invokeNanos = System.nanoTime() - invokeStart;
        long answered = System.currentTimeMillis();

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String body = answer.toString(StandardCharsets.UTF_8);
        int status = statusCode(body);
        String line = "jvmStartToAnswerMs=%d jvmStartToMainMs=%d invokerInitMs=%d firstInvokeMs=%d status=%d loadavg=%s"
                .formatted(answered - jvmStart, mainEntered - jvmStart, initNanos / 1_000_000,
                        invokeNanos / 1_000_000, status, loadAverage());
        Files.writeString(Path.of(args[1]), body);
        System.err.println(line);
        boolean ok = status >= 200 && status < 300;
        if (ok && args.length > 2) {
            Files.writeString(Path.of(args[2]), line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        // Lambda freezes the process after the answer; here we leave at once instead of waiting for
        // the context's non-daemon threads (Lettuce, AMQP) to wind down.
        System.exit(ok ? 0 : 1);
    }

    /** The one-minute load average when the answer came (Linux), since the machine may be shared. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (Exception e) {
            return "unknown";
        }
    }

    /** The statusCode of an API Gateway v2 response, without a JSON library of our own. */
    static int statusCode(String response) {
        int key = response.indexOf("\"statusCode\"");
        if (key < 0) {
            return -1;
        }
        int i = response.indexOf(':', key) + 1;
        while (i < response.length() && Character.isWhitespace(response.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < response.length() && Character.isDigit(response.charAt(j))) {
            j++;
        }
        return j > i ? Integer.parseInt(response.substring(i, j)) : -1;
    }
}
