package de.fachkraftallianz.publisher;

import de.fachkraftallianz.site.DirectorySync;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Tells the site's distribution to forget the changed paths (or, beyond a handful, the directory's wildcard, which
 * CloudFront counts as one path: the first 1,000 paths a month are free). The role may invalidate this distribution
 * only.
 */
final class CloudFrontInvalidation implements DirectorySync.Invalidation {

    private final CloudFrontClient cloudFront;
    private final String distributionId;

    CloudFrontInvalidation(CloudFrontClient cloudFront, String distributionId) {
        this.cloudFront = cloudFront;
        this.distributionId = distributionId;
    }

    @Override
    public void invalidate(List<String> paths) {
        cloudFront.createInvalidation(b -> b.distributionId(distributionId).invalidationBatch(batch -> batch
                .callerReference(UUID.randomUUID().toString())
                .paths(p -> p.quantity(paths.size()).items(paths))));
    }
}
