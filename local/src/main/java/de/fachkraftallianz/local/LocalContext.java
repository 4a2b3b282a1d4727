package de.fachkraftallianz.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of one local invocation. The logger writes to stdout, as Lambda's goes to CloudWatch. */
final class LocalContext implements Context {

    private final String requestId;
    private final SamFunction function;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(String requestId, SamFunction function, PrintStream out) {
        this.requestId = requestId;
        this.function = function;
        this.deadlineNanos = System.nanoTime() + function.timeoutSeconds() * 1_000_000_000L;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                out.print(message.endsWith("\n") ? message : message + "\n");
                out.flush();
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + LocalEnvironment.REGION + ":" + LocalEnvironment.ACCOUNT_ID + ":function:"
                + function.logicalId();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
