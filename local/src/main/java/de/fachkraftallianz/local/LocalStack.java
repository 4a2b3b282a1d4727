package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.office.OfficeHandler;
import de.fachkraftallianz.site.DirectoryKit;
import de.fachkraftallianz.site.FileSiteStorage;
import de.fachkraftallianz.store.DirectoryStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole stack on 127.0.0.1: dynalite, the table from the template, and the gateway with the site and every
 * function that has HttpApi events. From JUnit, for example:
 *
 * <pre>{@code
 * static LocalStack stack;
 * @BeforeAll static void start() { stack = LocalStack.start(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "3")); }
 * @AfterAll static void stop() { stack.close(); }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    /** The template's table resource that the local stack creates. */
    public static final String TABLE_LOGICAL_ID = "SubmissionsTable";
    /** The local stand-in of the staff's Cognito user pool and the office's app client. */
    public static final String USER_POOL_ID = "eu-central-1_LocalStaff";
    public static final String OFFICE_CLIENT_ID = "local-office-client";
    public static final String DEFAULT_TABLE_NAME = "fachkraftallianz-submissions";
    /** The template's function that renders the directory of virtual channels (no HttpApi events: see LocalPublisher). */
    public static final String PUBLISHER_LOGICAL_ID = "PublisherFunction";

    /**
     * How to start the stack.
     *
     * @param port         the gateway's port, 0 for a free one
     * @param dynamoDbPort dynalite's port, 0 for a free one
     * @param dataDir      where dynalite keeps its data; empty for in memory
     * @param env          environment variables for every function, over the template's
     * @param projectRoot  the checkout (package.json, node_modules)
     * @param template     the SAM template to read tables and functions from
     * @param siteDir      the baked site
     * @param tableName    the local name of {@link #TABLE_LOGICAL_ID}
     * @param log          where request lines and messages go
     * @param idleTimeout  how long the gateway keeps a silent connection open
     * @param cognitoPort  the local sign-in provider's port, 0 for a free one
     * @param sesPort      aws-ses-v2-local's port (the local SES API and its web view of the mails), 0 for a free one
     * @param schedules    whether the template's schedules fire by themselves (false: only {@link LocalStack#runSchedule})
     */
    public record Options(int port, int dynamoDbPort, Optional<Path> dataDir, Map<String, String> env,
                          Path projectRoot, Path template, Path siteDir, String tableName, PrintStream log,
                          Duration idleTimeout, int cognitoPort, int sesPort, boolean schedules) {

        public Options {
            env = Map.copyOf(env);
        }

        /** Random ports, in memory, the checkout's template.yaml and site/target/site. */
        public static Options defaults() {
            Path root = ProjectRoot.find();
            return new Options(0, 0, Optional.empty(), Map.of(), root, root.resolve("template.yaml"),
                    root.resolve("site/target/site"), DEFAULT_TABLE_NAME, System.out, LocalGateway.IDLE_TIMEOUT, 0, 0, true);
        }

        public Options withPort(int port) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withDynamoDbPort(int dynamoDbPort) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withDataDir(Path dataDir) {
            return new Options(port, dynamoDbPort, Optional.of(dataDir), env, projectRoot, template, siteDir,
                    tableName, log, idleTimeout, cognitoPort, sesPort, schedules);
        }

        /** One more environment variable for every function (wins over the template and the local settings). */
        public Options withEnv(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(env);
            more.put(name, value);
            return new Options(port, dynamoDbPort, dataDir, more, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withTemplate(Path template) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withSiteDir(Path siteDir) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withTableName(String tableName) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withCognitoPort(int cognitoPort) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withIdleTimeout(Duration idleTimeout) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        public Options withSesPort(int sesPort) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }

        /** Schedules that fire only when a test says so ({@link LocalStack#runSchedule}), never by their timers. */
        public Options withoutScheduleTimers() {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, false);
        }

        public Options withLog(PrintStream log) {
            return new Options(port, dynamoDbPort, dataDir, env, projectRoot, template, siteDir, tableName, log,
                    idleTimeout, cognitoPort, sesPort, schedules);
        }
    }

    private final Dynalite dynalite;
    private final LocalSes ses;
    private final LocalScheduler scheduler;
    private final DynamoDbClient dynamoDb;
    private final LocalCognito cognito;
    private final LocalGateway gateway;
    private final List<LocalFunction> functions;
    private final String tableName;
    private final LocalPublisher publisher;
    private final FileSiteStorage directory;

    private LocalStack(Dynalite dynalite, DynamoDbClient dynamoDb, LocalCognito cognito, LocalGateway gateway,
                       List<LocalFunction> functions, String tableName, LocalSes ses, LocalScheduler scheduler,
                       LocalPublisher publisher, FileSiteStorage directory) {
        this.dynalite = dynalite;
        this.ses = ses;
        this.scheduler = scheduler;
        this.dynamoDb = dynamoDb;
        this.cognito = cognito;
        this.gateway = gateway;
        this.functions = functions;
        this.tableName = tableName;
        this.publisher = publisher;
        this.directory = directory;
    }

    public static LocalStack start(Options options) {
        // Checked before anything starts, so a missing bake fails fast and leaves no process behind.
        StaticSite site = new StaticSite(options.siteDir());
        CloudFormationTemplate template = CloudFormationTemplate.read(options.template());
        List<SamFunction> definitions = SamFunction.withHttpApiEvents(template);
        // Functions run by a schedule only (the notifier, the retention sweeper), and the schedules themselves. The
        // directory's publisher has no schedule: the table's stream runs it on AWS, LocalPublisher here.
        List<LocalScheduler.Schedule> schedules = LocalScheduler.fromTemplate(template);
        List<SamFunction> scheduled = SamFunction.all(template).stream()
                .filter(f -> f.routes().isEmpty())
                .filter(f -> schedules.stream().anyMatch(s -> s.functionLogicalId().equals(f.logicalId())))
                .toList();

        useLocalCredentialsByDefault();
        // The gateway's address must be known before the functions start: the office's sign-in returns to it.
        int port = options.port() == 0 ? Dynalite.freePort() : options.port();
        String siteUrl = "http://127.0.0.1:" + port;
        Dynalite dynalite = Dynalite.start(options.projectRoot(), options.dynamoDbPort(), options.dataDir());
        DynamoDbClient dynamoDb = null;
        LocalCognito cognito = null;
        LocalSes ses = null;
        LocalPublisher publisher = null;
        FileSiteStorage directory = null;
        try {
            ses = LocalSes.start(options.projectRoot(), options.sesPort());
            String clientSecret = LocalCognito.randomSecret();
            cognito = LocalCognito.start(options.cognitoPort(), USER_POOL_ID, LocalCognito.DEFAULT_USERS,
                    List.of(new LocalCognito.Client(OFFICE_CLIENT_ID, clientSecret,
                            List.of(siteUrl + OfficeHandler.CALLBACK_PATH), List.of(siteUrl + OfficeHandler.SIGNED_OUT_PATH))));
            Map<String, String> localValues = localValues(siteUrl, cognito.issuer(), cognito.authBase(), clientSecret);
            dynamoDb = dynamoDbClient(dynalite.endpoint());
            boolean created = TableBootstrap.ensureTable(dynamoDb, template, TABLE_LOGICAL_ID, options.tableName());
            options.log().println("[local] table " + options.tableName() + (created ? " created" : " exists")
                    + " (time to live is declared in template.yaml only: dynalite never expires items)");

            LocalEnvironment environment =
                    new LocalEnvironment(template, Map.of(TABLE_LOGICAL_ID, options.tableName()));
            // Every function reaches the local SES through this endpoint override (only the notifier sends mail).
            Map<String, String> overrides = new LinkedHashMap<>(Map.of("SES_ENDPOINT", ses.endpoint().toString()));
            overrides.putAll(options.env());
            List<LocalFunction> functions = new ArrayList<>();
            for (SamFunction definition : definitions) {
                functions.add(LocalFunction.load(definition,
                        environment.forFunction(definition, dynalite.endpoint(), localValues, overrides)));
            }
            Map<String, LocalFunction> byId = new LinkedHashMap<>();
            for (SamFunction definition : scheduled) {
                LocalFunction function = LocalFunction.load(definition,
                        environment.forFunction(definition, dynalite.endpoint(), localValues, overrides));
                functions.add(function);
                byId.put(definition.logicalId(), function);
            }
            // The directory of virtual channels: its publisher writes into a folder of its own, which the site serves
            // below /virtuelle-angebote/ instead of the bake (on AWS that prefix of the bucket is the publisher's).
            // A site folder without the kit a bake writes beside it (a test's fixture) keeps what it has.
            Optional<SamFunction> publisherDefinition = SamFunction.all(template).stream()
                    .filter(f -> f.logicalId().equals(PUBLISHER_LOGICAL_ID)).findFirst();
            Path kit = DirectoryKit.besideSite(options.siteDir());
            boolean baked = Files.isRegularFile(kit.resolve(DirectoryKit.CONTEXT_FILE));
            if (publisherDefinition.isPresent() && !baked) {
                options.log().println("[local] no directory kit at " + kit + ": the directory's publisher does not run");
            }
            StaticSite served = site;
            if (publisherDefinition.isPresent() && baked) {
                directory = new FileSiteStorage(Files.createTempDirectory("fka-directory"));
                Map<String, String> publisherOverrides = new LinkedHashMap<>(overrides);
                publisherOverrides.put("SITE_DIRECTORY_ROOT", directory.root().toString());
                publisherOverrides.put("DIRECTORY_KIT", kit.toString());
                publisher = LocalPublisher.start(publisherDefinition.get(), environment.forFunction(
                        publisherDefinition.get(), dynalite.endpoint(), localValues, publisherOverrides),
                        new DirectoryStore(dynamoDb, options.tableName()), options.log());
                served = site.withOverlay(Directory.FOLDER, directory.root());
            }
            CloudFrontEdge edge = CloudFrontEdge.fromTemplate(template, environment::resolve);
            LocalGateway gateway = LocalGateway.start(port, served, edge, functions, options.log(),
                    options.idleTimeout());
            LocalScheduler scheduler = LocalScheduler.start(schedules, byId, options.log(), options.schedules());
            return new LocalStack(dynalite, dynamoDb, cognito, gateway, List.copyOf(functions), options.tableName(),
                    ses, scheduler, publisher, directory);
        } catch (IOException e) {
            closeDirectory(publisher, directory);
            closeSes(ses);
            closeAfterFailure(dynamoDb, cognito, dynalite);
            throw new UncheckedIOException("The local stack cannot start: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            closeDirectory(publisher, directory);
            closeSes(ses);
            closeAfterFailure(dynamoDb, cognito, dynalite);
            throw e;
        }
    }

    /**
     * What the template sets from resources that exist only on AWS (the site's public address, the user pool and its
     * managed login, the site bucket and the distribution), as the local stack has them.
     */
    public static Map<String, String> localValues(String siteUrl, String issuer, String loginBase, String clientSecret) {
        return Map.of(
                "SITE_URL", siteUrl,
                "OIDC_ISSUER", issuer,
                "OIDC_LOGIN_BASE", loginBase,
                "OIDC_CLIENT_ID", OFFICE_CLIENT_ID,
                "OIDC_CLIENT_SECRET", clientSecret,
                // No S3 and no CloudFront here: the publisher writes into a folder (LocalPublisher) and has no CDN.
                "SITE_BUCKET", "local-site-folder",
                "DISTRIBUTION_ID", "local-no-distribution");
    }

    /** For example http://127.0.0.1:3000 (no trailing slash). */
    public URI baseUrl() {
        return gateway.baseUrl();
    }

    /** {@code path} on the gateway, for example {@code uri("/api/forms/kontakt")}. */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public int port() {
        return gateway.port();
    }

    public URI dynamoDbEndpoint() {
        return dynalite.endpoint();
    }

    /** The local DynamoDB-compatible server's process, for tests that pause it (an outage that hangs). */
    public ProcessHandle dynamoDbProcess() {
        return dynalite.process();
    }

    /** How many instances of a function have been started so far (cold starts), by its logical id. */
    public int instances(String functionLogicalId) {
        return functions.stream()
                .filter(f -> f.definition().logicalId().equals(functionLogicalId))
                .findFirst()
                .map(LocalFunction::instances)
                .orElseThrow(() -> new IllegalArgumentException("No function " + functionLogicalId));
    }

    public String tableName() {
        return tableName;
    }

    /** A client on the local table's dynalite; closed with the stack. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** Route keys ("ANY /api/forms/{formId}") and the logical ids of their functions. */
    public Map<String, String> routes() {
        return gateway.routes();
    }

    /** The environment a function was started with, by its logical id. */
    public Map<String, String> environment(String functionLogicalId) {
        return functions.stream()
                .filter(f -> f.definition().logicalId().equals(functionLogicalId))
                .findFirst()
                .map(LocalFunction::environment)
                .orElseThrow(() -> new IllegalArgumentException("No function " + functionLogicalId));
    }

    /** The local sign-in provider (Cognito's stand-in), with the seeded staff accounts. */
    public LocalCognito cognito() {
        return cognito;
    }

    /** The folder the directory's publisher writes into (object keys "virtuelle-angebote/…"), if the template has it. */
    public Optional<Path> directoryRoot() {
        return Optional.ofNullable(directory).map(FileSiteStorage::root);
    }

    /** The local SES (aws-ses-v2-local): its address is the web view of the mails sent, {@code /store} their JSON. */
    public LocalSes ses() {
        return ses;
    }

    /** The template's schedules, as the local scheduler runs them. */
    public List<LocalScheduler.Schedule> schedules() {
        return scheduler.schedules();
    }

    /** Runs a schedule now (e.g. "NotifierFunction", "DeliverPending"), as its timer would; the function's output. */
    public String runSchedule(String functionLogicalId, String eventId) {
        return scheduler.run(functionLogicalId, eventId);
    }

    /** Stops the schedules, the gateway, the publisher, the local SES, the sign-in provider, then dynalite. */
    @Override
    public void close() {
        try {
            scheduler.close();
            gateway.close();
        } finally {
            closeDirectory(publisher, directory);
            closeSes(ses);
            closeAfterFailure(dynamoDb, cognito, dynalite);
        }
    }

    private static void closeDirectory(LocalPublisher publisher, FileSiteStorage directory) {
        if (publisher != null) {
            publisher.close();
        }
        if (directory != null) {
            directory.deleteAll();
        }
    }

    private static void closeSes(LocalSes ses) {
        if (ses != null) {
            ses.close();
        }
    }

    /**
     * The functions get region and credentials through {@link de.fachkraftallianz.Env}. Should a client still use the
     * SDK's default provider chains (which read system properties and the process environment), these properties
     * keep it local instead of letting it find a developer's real AWS profile or wait for instance metadata.
     */
    private static void useLocalCredentialsByDefault() {
        Map.of("aws.region", LocalEnvironment.REGION, "aws.accessKeyId", "local", "aws.secretAccessKey", "local")
                .forEach((name, value) -> {
                    if (System.getProperty(name) == null) {
                        System.setProperty(name, value);
                    }
                });
    }

    static DynamoDbClient dynamoDbClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(LocalEnvironment.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static void closeAfterFailure(DynamoDbClient dynamoDb, LocalCognito cognito, Dynalite dynalite) {
        try {
            if (dynamoDb != null) {
                dynamoDb.close();
            }
        } finally {
            try {
                if (cognito != null) {
                    cognito.close();
                }
            } finally {
                dynalite.close();
            }
        }
    }
}
