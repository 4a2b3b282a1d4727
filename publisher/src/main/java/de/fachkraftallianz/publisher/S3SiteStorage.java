package de.fachkraftallianz.publisher;

import de.fachkraftallianz.site.DirectorySync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The site bucket as the directory's storage. An object's ETag is the MD5 of its bytes (single-part uploads with the
 * bucket's SSE-S3 encryption), which is how the sync knows what changed without reading anything back. The
 * publisher's role may write and delete only below {@code virtuelle-angebote/} and list only that prefix.
 */
final class S3SiteStorage implements DirectorySync.SiteStorage {

    private final S3Client s3;
    private final String bucket;

    S3SiteStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Map<String, String> list(String prefix) {
        Map<String, String> objects = new TreeMap<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
            if (token != null) {
                request.continuationToken(token);
            }
            ListObjectsV2Response response = s3.listObjectsV2(request.build());
            for (S3Object object : response.contents()) {
                objects.put(object.key(), object.eTag().replace("\"", ""));
            }
            token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
        } while (token != null);
        return objects;
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(body));
    }

    @Override
    public void delete(Collection<String> keys) {
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (String key : keys) {
            batch.add(ObjectIdentifier.builder().key(key).build());
            if (batch.size() == 1000) {
                deleteBatch(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) {
        s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
    }
}
