package org.glancej.app;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import org.glancej.db.Database;
import org.glancej.metadefs.MetadefAccess;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.namespaces.NamespaceService;
import org.glancej.metadefs.namespaces.NamespacesResource;
import org.glancej.metadefs.objects.ObjectService;
import org.glancej.metadefs.objects.ObjectsResource;
import org.glancej.metadefs.properties.PropertiesResource;
import org.glancej.metadefs.properties.PropertyService;
import org.glancej.metadefs.resourcetypes.ResourceTypeService;
import org.glancej.metadefs.resourcetypes.ResourceTypesResource;
import org.glancej.metadefs.schema.MetadefSchemas;
import org.glancej.metadefs.schema.MetadefSchemasResource;
import org.glancej.metadefs.tags.TagService;
import org.glancej.metadefs.tags.TagsResource;
import org.glancej.policy.PolicyEnforcer;

/** The metadata definitions API ({@code /v2/metadefs/...}, {@code /v2/schemas/metadefs/...}), wired once. */
final class MetadefServices {
    private MetadefServices() {}

    static List<HttpService> create(Database database, PolicyEnforcer policy, Clock clock, int limitDefault,
            int limitMax) {
        MetadefDatabase tables = new MetadefDatabase(database.dataSource(), database.dialect());
        MetadefAccess access = new MetadefAccess(policy);
        MetadefSchemas schemas = MetadefSchemas.load();
        NamespaceService namespaces = new NamespaceService(tables, access, clock);
        return List.of(
                new MetadefSchemasResource(schemas),
                new NamespacesResource(namespaces, schemas, limitDefault, limitMax),
                new ObjectsResource(new ObjectService(tables, access, clock), namespaces, schemas),
                new PropertiesResource(new PropertyService(tables, access, clock), namespaces, schemas),
                new TagsResource(new TagService(tables, access, clock), namespaces, schemas),
                new ResourceTypesResource(new ResourceTypeService(tables, access, clock), schemas));
    }
}
