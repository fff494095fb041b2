/**
 * Metadata definitions: the catalog of namespaces, with their objects, property definitions, tags and resource
 * type associations, that tells dashboards and operators which image and flavor properties exist
 * ({@code /v2/metadefs/...}, {@code /v2/schemas/metadefs/...}).
 *
 * <p>{@link org.glancej.metadefs.MetadefDatabase} runs units of work on the tables
 * ({@link org.glancej.metadefs.MetadefTables}); the API's services and {@code glance-manage db load_metadefs}
 * share it. The sub-packages hold one API resource each ({@code namespaces}, {@code objects},
 * {@code properties}, {@code tags}, {@code resourcetypes}); {@code schema} holds the served schema documents,
 * the validator that checks request bodies against them with upstream's messages, and the normalisation of
 * property definitions upstream's model applies.
 *
 * <p>Answers follow upstream Glance (Zed) code for code and message for message, checked side by side
 * ({@code tests/e2e/metadefs-interop.sh}). Deliberate differences:
 * <ul>
 *   <li>names that differ only in letter case, accents or trailing spaces are duplicates (409) on every
 *       database, as MariaDB's unique keys (utf8mb3_general_ci) make them there;</li>
 *   <li>what upstream answers with 500 is a 400: unknown attributes in property definitions and inline
 *       contents, values upstream's model cannot convert ({@code "enum": ["a", 1]}), a list as the body, a
 *       {@code limit} that is no integer, an unknown {@code sort_key};</li>
 *   <li>a 400 for a schema violation carries jsonschema's first line only, without its dump of the schema;</li>
 *   <li>4-byte characters (MariaDB's utf8mb3 cannot store them), names over 80 characters and text over a TEXT
 *       column where no schema bounds them are refused with 400 rather than failing in the database;</li>
 *   <li>without authentication a namespace created without an owner belongs to {@code admin} (upstream's
 *       loader's default), where upstream fails on its NOT NULL column;</li>
 *   <li>a namespace is created with all its contents in one transaction, where upstream creates it and
 *       deletes it again when a later part fails;</li>
 *   <li>a namespace's objects come by name, its resource type associations and the resource type list
 *       oldest first, on every database; upstream reads them without an order, so in the database's (by name
 *       on SQLite, as inserted on MariaDB).</li>
 * </ul>
 */
package org.glancej.metadefs;
