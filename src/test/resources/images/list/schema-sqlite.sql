-- Upstream Glance (Zed) schema for the list tables, as `glance-manage db sync` creates it on SQLite.
CREATE TABLE "images" (
	id VARCHAR(36) NOT NULL, 
	name VARCHAR(255), 
	size BIGINT, 
	status VARCHAR(30) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME, 
	deleted_at DATETIME, 
	deleted BOOLEAN NOT NULL, 
	disk_format VARCHAR(20), 
	container_format VARCHAR(20), 
	checksum VARCHAR(32), 
	owner VARCHAR(255), 
	min_disk INTEGER NOT NULL, 
	min_ram INTEGER NOT NULL, 
	protected BOOLEAN DEFAULT 0 NOT NULL, 
	virtual_size BIGINT, 
	visibility VARCHAR(9) DEFAULT 'shared' NOT NULL, 
	os_hidden BOOLEAN DEFAULT 0 NOT NULL, 
	os_hash_algo VARCHAR(64), 
	os_hash_value VARCHAR(128), 
	PRIMARY KEY (id)
);
CREATE INDEX checksum_image_idx ON images (checksum);
CREATE INDEX created_at_image_idx ON images (created_at);
CREATE INDEX ix_images_deleted ON images (deleted);
CREATE INDEX os_hash_value_image_idx ON images (os_hash_value);
CREATE INDEX os_hidden_image_idx ON images (os_hidden);
CREATE INDEX owner_image_idx ON images (owner);
CREATE INDEX updated_at_image_idx ON images (updated_at);
CREATE INDEX visibility_image_idx ON images (visibility);
CREATE TABLE image_properties (
	id INTEGER NOT NULL, 
	image_id VARCHAR(36) NOT NULL, 
	name VARCHAR(255) NOT NULL, 
	value TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME, 
	deleted_at DATETIME, 
	deleted BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES images (id), 
	CONSTRAINT ix_image_properties_image_id_name UNIQUE (image_id, name), 
	CHECK (deleted IN (0, 1))
);
CREATE INDEX ix_image_properties_deleted ON image_properties (deleted);
CREATE INDEX ix_image_properties_image_id ON image_properties (image_id);
CREATE TABLE image_tags (
	id INTEGER NOT NULL, 
	image_id VARCHAR(36) NOT NULL, 
	value VARCHAR(255) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME, 
	deleted_at DATETIME, 
	deleted BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES images (id), 
	CHECK (deleted IN (0, 1))
);
CREATE INDEX ix_image_tags_image_id ON image_tags (image_id);
CREATE INDEX ix_image_tags_image_id_tag_value ON image_tags (image_id, value);
CREATE TABLE image_members (
	id INTEGER NOT NULL, 
	image_id VARCHAR(36) NOT NULL, 
	member VARCHAR(255) NOT NULL, 
	can_share BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME, 
	deleted_at DATETIME, 
	deleted BOOLEAN NOT NULL, 
	status VARCHAR(20) DEFAULT 'pending' NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES images (id), 
	CONSTRAINT image_members_image_id_member_deleted_at_key UNIQUE (image_id, member, deleted_at), 
	CHECK (can_share IN (0, 1)), 
	CHECK (deleted IN (0, 1))
);
CREATE INDEX ix_image_members_deleted ON image_members (deleted);
CREATE INDEX ix_image_members_image_id ON image_members (image_id);
CREATE INDEX ix_image_members_image_id_member ON image_members (image_id, member);
