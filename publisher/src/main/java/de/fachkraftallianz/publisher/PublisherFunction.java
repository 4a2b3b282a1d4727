package de.fachkraftallianz.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import de.fachkraftallianz.Env;
import de.fachkraftallianz.Log;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.site.DirectoryKit;
import de.fachkraftallianz.site.DirectoryRenderer;
import de.fachkraftallianz.site.DirectorySync;
import de.fachkraftallianz.site.FileSiteStorage;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.DynamoClients;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submit.References;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The directory's publisher: whenever a published entry changes in the table (the table's stream, filtered to items
 * that are or were in the directory index), or when invoked by hand after a site deploy, it brings the site's
 * directory in step with the table: all published entries (one Query on the directory index, which holds nothing
 * but the published entries), rendered with the site's templates, written where they differ, deleted where gone,
 * those paths invalidated ({@link DirectorySync}). Of the event only the changed submissions' keys are read (never
 * their images, never logged): those submissions are read again from the table itself, strongly consistent, since the
 * index may not have caught up with the change yet ({@link DirectoryStore#entries(java.util.Collection)}). Every run
 * renders from the table as it is, so runs are idempotent, a missed or failed run is repaired by the next, and the
 * order of events does not matter. Reserved concurrency 1: two runs never write at once.
 *
 * <p>Locally the local stack runs the same class (its "stream" polls the index), with the site's storage a folder
 * ({@code SITE_DIRECTORY_ROOT}) and the kit of the local bake ({@code DIRECTORY_KIT}); there is no local S3 and no
 * CDN to invalidate.
 */
public final class PublisherFunction implements RequestStreamHandler, Resource {

    private final DirectoryStore store;
    private final DirectorySync sync;
    private final DirectoryRenderer renderer;

    /** For the Lambda runtime. */
    public PublisherFunction() {
        this(Env.system());
        Core.getGlobalContext().register(this);
    }

    /** From an environment as template.yaml sets it (the local stack passes its own). */
    public PublisherFunction(Env env) {
        String table = env.required("TABLE_NAME");
        String bucket = env.required("SITE_BUCKET");
        String distribution = env.required("DISTRIBUTION_ID");
        this.store = new DirectoryStore(DynamoClients.fromEnv(env), table);
        Path localRoot = env.localOnly("SITE_DIRECTORY_ROOT").map(Path::of).orElse(null);
        DirectoryKit kit = env.localOnly("DIRECTORY_KIT").map(dir -> DirectoryKit.fromDirectory(Path.of(dir)))
                .orElseGet(() -> DirectoryKit.fromClasspath(PublisherFunction.class.getClassLoader()));
        if (localRoot == null && !kit.release()) {
            // A kit from a local bake has the made-up examples and the county's open placeholders: never on AWS.
            throw new IllegalStateException("This publisher carries the kit of a local bake; build it with the "
                    + "release bake (mvn -DskipTests -Drelease package) before deploying it");
        }
        this.renderer = new DirectoryRenderer(kit, FormCatalog.load());
        if (localRoot != null) {
            this.sync = new DirectorySync(renderer, new FileSiteStorage(localRoot), DirectorySync.Invalidation.NONE);
        } else {
            Region region = Region.of(env.runtime("AWS_REGION").orElseThrow(
                    () -> new IllegalStateException("AWS_REGION is not set")));
            S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
                    .credentialsProvider(DynamoClients.credentials(env)).build();
            CloudFrontClient cloudFront = CloudFrontClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.AWS_GLOBAL).credentialsProvider(DynamoClients.credentials(env)).build();
            this.sync = new DirectorySync(renderer, new S3SiteStorage(s3, bucket),
                    new CloudFrontInvalidation(cloudFront, distribution));
        }
    }

    /** For tests: any storage and invalidation. */
    public PublisherFunction(DirectoryStore store, DirectoryRenderer renderer, DirectorySync sync) {
        this.store = store;
        this.renderer = renderer;
        this.sync = sync;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // Of the event only the changed submissions' keys are read, never their images (which carry the answers).
        Set<String> changed = changedReferences(input.readAllBytes());
        long start = System.nanoTime();
        DirectorySync.Result result = publish(changed);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("outcome", result.changed() ? "published" : "unchanged");
        line.put("written", result.written().size());
        line.put("deleted", result.deleted().size());
        line.put("unchanged", result.unchanged());
        line.put("invalidated", result.invalidated().size());
        line.put("durationMs", ms);
        Log.info("directory", line);
        output.write(de.fachkraftallianz.Json.write(line).getBytes(StandardCharsets.UTF_8));
    }

    /** One run: the table's published entries onto the site. */
    public DirectorySync.Result publish() {
        return publish(Set.of());
    }

    /** One run, with the submissions {@code changed} read from the table itself ({@link DirectoryStore#entries}). */
    public DirectorySync.Result publish(Set<String> changed) {
        return sync.sync(store.entries(changed));
    }

    /**
     * The references of the submissions a stream event names ({@code Records[].dynamodb.Keys}, partition
     * {@code SUB#<reference>}, sort key {@code SUBMISSION}); none for anything else (a run by hand, "{}").
     */
    static Set<String> changedReferences(byte[] event) {
        Set<String> references = new TreeSet<>();
        Object parsed;
        try {
            parsed = de.fachkraftallianz.Json.read(event);
        } catch (IOException | RuntimeException e) {
            return references; // not a stream event: a run by hand renders from the index alone
        }
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("Records") instanceof List<?> records)) {
            return references;
        }
        for (Object record : records) {
            Object pk = at(record, "dynamodb", "Keys", TableKeys.PK, "S");
            Object sk = at(record, "dynamodb", "Keys", TableKeys.SK, "S");
            String prefix = TableKeys.submissionPartition("");
            if (pk instanceof String partition && partition.startsWith(prefix) && TableKeys.SUBMISSION.equals(sk)) {
                String reference = partition.substring(prefix.length());
                if (References.FORMAT.matcher(reference).matches()) {
                    references.add(reference);
                }
            }
        }
        return references;
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** SnapStart: the templates parsed and rendered once, the read path loaded; nothing is written or read. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        renderer.render(List.of());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Clients connect on demand.
    }

}
