-- Glance schema at upstream alembic revision wallaby_contract01 (the head of Zed), MySQL / MariaDB.
-- Upstream creates its tables as InnoDB utf8 (3-byte); alembic_version takes the database default.
-- Indexes are declared inline so InnoDB reuses them for the foreign keys instead of adding its own.
-- Check constraints stay unnamed (server-generated names) except on images, where upstream's history
-- left CONSTRAINT_2 and CONSTRAINT_3 after dropping is_public's check.

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    PRIMARY KEY (version_num)
) ENGINE=InnoDB;

CREATE TABLE images (
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255) DEFAULT NULL,
    size BIGINT DEFAULT NULL,
    status VARCHAR(30) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    deleted_at DATETIME DEFAULT NULL,
    deleted TINYINT(1) NOT NULL,
    disk_format VARCHAR(20) DEFAULT NULL,
    container_format VARCHAR(20) DEFAULT NULL,
    checksum VARCHAR(32) DEFAULT NULL,
    owner VARCHAR(255) DEFAULT NULL,
    min_disk INT NOT NULL,
    min_ram INT NOT NULL,
    protected TINYINT(1) NOT NULL DEFAULT 0,
    virtual_size BIGINT DEFAULT NULL,
    visibility ENUM('private', 'public', 'shared', 'community') NOT NULL DEFAULT 'shared',
    os_hidden TINYINT(1) NOT NULL DEFAULT 0,
    os_hash_algo VARCHAR(64) DEFAULT NULL,
    os_hash_value VARCHAR(128) DEFAULT NULL,
    PRIMARY KEY (id),
    KEY checksum_image_idx (checksum),
    KEY ix_images_deleted (deleted),
    KEY owner_image_idx (owner),
    KEY created_at_image_idx (created_at),
    KEY updated_at_image_idx (updated_at),
    KEY visibility_image_idx (visibility),
    KEY os_hidden_image_idx (os_hidden),
    KEY os_hash_value_image_idx (os_hash_value),
    CONSTRAINT CONSTRAINT_2 CHECK (deleted IN (0, 1)),
    CONSTRAINT CONSTRAINT_3 CHECK (protected IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE image_properties (
    id INT NOT NULL AUTO_INCREMENT,
    image_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value TEXT DEFAULT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    deleted_at DATETIME DEFAULT NULL,
    deleted TINYINT(1) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ix_image_properties_image_id_name (image_id, name),
    KEY ix_image_properties_deleted (deleted),
    KEY ix_image_properties_image_id (image_id),
    FOREIGN KEY (image_id) REFERENCES images (id),
    CHECK (deleted IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE image_locations (
    id INT NOT NULL AUTO_INCREMENT,
    image_id VARCHAR(36) NOT NULL,
    value TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    deleted_at DATETIME DEFAULT NULL,
    deleted TINYINT(1) NOT NULL,
    meta_data TEXT DEFAULT NULL,
    status VARCHAR(30) NOT NULL DEFAULT 'active',
    PRIMARY KEY (id),
    KEY ix_image_locations_deleted (deleted),
    KEY ix_image_locations_image_id (image_id),
    FOREIGN KEY (image_id) REFERENCES images (id),
    CHECK (deleted IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE image_members (
    id INT NOT NULL AUTO_INCREMENT,
    image_id VARCHAR(36) NOT NULL,
    member VARCHAR(255) NOT NULL,
    can_share TINYINT(1) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    deleted_at DATETIME DEFAULT NULL,
    deleted TINYINT(1) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'pending',
    PRIMARY KEY (id),
    UNIQUE KEY image_members_image_id_member_deleted_at_key (image_id, member, deleted_at),
    KEY ix_image_members_deleted (deleted),
    KEY ix_image_members_image_id (image_id),
    KEY ix_image_members_image_id_member (image_id, member),
    FOREIGN KEY (image_id) REFERENCES images (id),
    CHECK (can_share IN (0, 1)),
    CHECK (deleted IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE image_tags (
    id INT NOT NULL AUTO_INCREMENT,
    image_id VARCHAR(36) NOT NULL,
    value VARCHAR(255) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    deleted_at DATETIME DEFAULT NULL,
    deleted TINYINT(1) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_image_tags_image_id (image_id),
    KEY ix_image_tags_image_id_tag_value (image_id, value),
    FOREIGN KEY (image_id) REFERENCES images (id),
    CHECK (deleted IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE tasks (
    id VARCHAR(36) NOT NULL,
    type VARCHAR(30) NOT NULL,
    status VARCHAR(30) NOT NULL,
    owner VARCHAR(255) NOT NULL,
    expires_at DATETIME DEFAULT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    deleted_at DATETIME DEFAULT NULL,
    deleted TINYINT(1) NOT NULL,
    image_id VARCHAR(36) DEFAULT NULL,
    request_id VARCHAR(64) DEFAULT NULL,
    user_id VARCHAR(64) DEFAULT NULL,
    PRIMARY KEY (id),
    KEY ix_tasks_deleted (deleted),
    KEY ix_tasks_owner (owner),
    KEY ix_tasks_status (status),
    KEY ix_tasks_type (type),
    KEY ix_tasks_updated_at (updated_at),
    KEY ix_tasks_image_id (image_id),
    CHECK (deleted IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE task_info (
    task_id VARCHAR(36) NOT NULL,
    input TEXT DEFAULT NULL,
    result TEXT DEFAULT NULL,
    message TEXT DEFAULT NULL,
    PRIMARY KEY (task_id),
    FOREIGN KEY (task_id) REFERENCES tasks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE metadef_namespaces (
    id INT NOT NULL AUTO_INCREMENT,
    namespace VARCHAR(80) NOT NULL,
    display_name VARCHAR(80) DEFAULT NULL,
    description TEXT DEFAULT NULL,
    visibility VARCHAR(32) DEFAULT NULL,
    protected TINYINT(1) DEFAULT NULL,
    owner VARCHAR(255) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metadef_namespaces_namespace (namespace),
    KEY ix_metadef_namespaces_owner (owner),
    CHECK (protected IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE metadef_resource_types (
    id INT NOT NULL AUTO_INCREMENT,
    name VARCHAR(80) NOT NULL,
    protected TINYINT(1) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metadef_resource_types_name (name),
    CHECK (protected IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE metadef_namespace_resource_types (
    resource_type_id INT NOT NULL,
    namespace_id INT NOT NULL,
    properties_target VARCHAR(80) DEFAULT NULL,
    prefix VARCHAR(80) DEFAULT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    PRIMARY KEY (resource_type_id, namespace_id),
    KEY ix_metadef_ns_res_types_namespace_id (namespace_id),
    FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id),
    FOREIGN KEY (resource_type_id) REFERENCES metadef_resource_types (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE metadef_objects (
    id INT NOT NULL AUTO_INCREMENT,
    namespace_id INT NOT NULL,
    name VARCHAR(80) NOT NULL,
    description TEXT DEFAULT NULL,
    required TEXT DEFAULT NULL,
    json_schema TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metadef_objects_namespace_id_name (namespace_id, name),
    KEY ix_metadef_objects_name (name),
    FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE metadef_properties (
    id INT NOT NULL AUTO_INCREMENT,
    namespace_id INT NOT NULL,
    name VARCHAR(80) NOT NULL,
    json_schema TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metadef_properties_namespace_id_name (namespace_id, name),
    KEY ix_metadef_properties_name (name),
    FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

CREATE TABLE metadef_tags (
    id INT NOT NULL AUTO_INCREMENT,
    namespace_id INT NOT NULL,
    name VARCHAR(80) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metadef_tags_namespace_id_name (namespace_id, name),
    KEY ix_metadef_tags_name (name),
    FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
