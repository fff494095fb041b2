package org.glancej.metadefs.namespaces;

import java.util.List;
import org.glancej.metadefs.MetadefObject;
import org.glancej.metadefs.MetadefProperty;
import org.glancej.metadefs.MetadefTag;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.ResourceTypeAssociation;

/**
 * A namespace with what is in it, as show answers it.
 *
 * @param prefix put before property names (and required names of objects), from the resource type asked
 *     for; empty for none
 */
record NamespaceDetail(Namespace namespace, List<ResourceTypeAssociation> associations, List<MetadefObject> objects,
        List<MetadefProperty> properties, List<MetadefTag> tags, String prefix) {}
