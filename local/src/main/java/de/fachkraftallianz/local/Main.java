package de.fachkraftallianz.local;

import java.nio.file.Path;

/**
 * Starts the whole stack until Ctrl-C. Environment: PORT (default 3000), DYNAMODB_PORT (default 8000),
 * COGNITO_PORT (the local sign-in, default 3001), SES_PORT (default 8005: the local SES and its web view of the mails
 * sent), DYNAMODB_PATH (unset: data in memory; set: kept in that directory, relative paths from the checkout root).
 * An empty table gets the made-up example submissions.
 * Usually run through the start profile: {@code mvn -Pstart verify} in the checkout root.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        LocalStack.Options options = LocalStack.Options.defaults()
                .withPort(intFromEnv("PORT", 3000))
                .withDynamoDbPort(intFromEnv("DYNAMODB_PORT", 8000))
                .withCognitoPort(intFromEnv("COGNITO_PORT", 3001))
                .withSesPort(intFromEnv("SES_PORT", 8005));
        String dataPath = System.getenv("DYNAMODB_PATH");
        if (dataPath != null && !dataPath.isBlank()) {
            options = options.withDataDir(options.projectRoot().resolve(Path.of(dataPath)).normalize());
        }

        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("[local] cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[local] stopping");
            stack.close();
        }, "local-stack-shutdown"));

        // Under exec-maven-plugin, Maven ending (say, killed by an IDE) does not end this JVM: follow the parent.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.out.println("[local] the parent process ended");
            System.exit(0);
        }));

        int examples = ExampleSubmissions.storeIfEmpty(stack.dynamoDb(), stack.tableName(), java.time.Clock.systemUTC());
        if (examples > 0) {
            System.out.println("[local] the table was empty: " + examples + " made-up example submissions stored");
        }
        stack.routes().forEach((route, function) -> System.out.println("[local] " + route + " -> " + function));
        stack.schedules().forEach(schedule -> System.out.println("[local] " + schedule.expression() + " ("
                + (schedule.zone().normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : schedule.zone()) + ") -> "
                + schedule.functionLogicalId() + " " + schedule.input()));
        System.out.println("[local] mails sent (local SES, nothing leaves this machine): " + stack.ses().endpoint());
        System.out.println("[local] office: " + stack.uri(de.fachkraftallianz.office.OfficeHandler.HOME)
                + " - sign in at the local stand-in for Cognito (" + stack.cognito().authBase() + ") as");
        for (var user : de.fachkraftallianz.local.cognito.LocalCognito.DEFAULT_USERS) {
            System.out.println("[local]   " + user.username() + " / " + user.password() + "  ("
                    + String.join(", ", user.groups()) + ")");
        }
        System.out.printf("Fachkraftallianz running at %s (DynamoDB local: %s, %s), started in %d ms. Ctrl-C stops it.%n",
                stack.baseUrl(), stack.dynamoDbEndpoint(),
                options.dataDir().map(dir -> "data in " + dir).orElse("in memory"),
                (System.nanoTime() - start) / 1_000_000);
        // Every server thread is a daemon (Jetty's pools, the readers of the Node.js processes): without this wait the
        // JVM would end right here. Ctrl-C (the shutdown hook) or the parent's end stops it.
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int intFromEnv(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not " + value, e);
        }
    }
}
