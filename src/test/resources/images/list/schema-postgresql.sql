-- Upstream Glance (Zed) schema for the list tables, as `glance-manage db sync` creates it on PostgreSQL.
CREATE TYPE image_visibility AS ENUM ('private', 'public', 'shared', 'community');
CREATE TABLE image_members (
    id integer NOT NULL,
    image_id character varying(36) NOT NULL,
    member character varying(255) NOT NULL,
    can_share boolean NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL,
    status character varying(20) DEFAULT 'pending'::character varying NOT NULL
);
CREATE SEQUENCE image_members_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE image_members_id_seq OWNED BY image_members.id;
CREATE TABLE image_properties (
    id integer NOT NULL,
    image_id character varying(36) NOT NULL,
    name character varying(255) NOT NULL,
    value text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL
);
CREATE SEQUENCE image_properties_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE image_properties_id_seq OWNED BY image_properties.id;
CREATE TABLE image_tags (
    id integer NOT NULL,
    image_id character varying(36) NOT NULL,
    value character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL
);
CREATE SEQUENCE image_tags_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE image_tags_id_seq OWNED BY image_tags.id;
CREATE TABLE images (
    id character varying(36) NOT NULL,
    name character varying(255),
    size bigint,
    status character varying(30) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL,
    disk_format character varying(20),
    container_format character varying(20),
    checksum character varying(32),
    owner character varying(255),
    min_disk integer NOT NULL,
    min_ram integer NOT NULL,
    protected boolean DEFAULT false NOT NULL,
    virtual_size bigint,
    visibility image_visibility DEFAULT 'shared'::image_visibility NOT NULL,
    os_hidden boolean DEFAULT false NOT NULL,
    os_hash_algo character varying(64),
    os_hash_value character varying(128)
);
ALTER TABLE ONLY image_members ALTER COLUMN id SET DEFAULT nextval('image_members_id_seq'::regclass);
ALTER TABLE ONLY image_properties ALTER COLUMN id SET DEFAULT nextval('image_properties_id_seq'::regclass);
ALTER TABLE ONLY image_tags ALTER COLUMN id SET DEFAULT nextval('image_tags_id_seq'::regclass);
ALTER TABLE ONLY image_members
    ADD CONSTRAINT image_members_image_id_member_deleted_at_key UNIQUE (image_id, member, deleted_at);
ALTER TABLE ONLY image_members
    ADD CONSTRAINT image_members_pkey PRIMARY KEY (id);
ALTER TABLE ONLY image_properties
    ADD CONSTRAINT image_properties_pkey PRIMARY KEY (id);
ALTER TABLE ONLY image_tags
    ADD CONSTRAINT image_tags_pkey PRIMARY KEY (id);
ALTER TABLE ONLY images
    ADD CONSTRAINT images_pkey PRIMARY KEY (id);
ALTER TABLE ONLY image_properties
    ADD CONSTRAINT ix_image_properties_image_id_name UNIQUE (image_id, name);
CREATE INDEX checksum_image_idx ON images USING btree (checksum);
CREATE INDEX created_at_image_idx ON images USING btree (created_at);
CREATE INDEX ix_image_members_deleted ON image_members USING btree (deleted);
CREATE INDEX ix_image_members_image_id ON image_members USING btree (image_id);
CREATE INDEX ix_image_members_image_id_member ON image_members USING btree (image_id, member);
CREATE INDEX ix_image_properties_deleted ON image_properties USING btree (deleted);
CREATE INDEX ix_image_properties_image_id ON image_properties USING btree (image_id);
CREATE INDEX ix_image_tags_image_id ON image_tags USING btree (image_id);
CREATE INDEX ix_image_tags_image_id_tag_value ON image_tags USING btree (image_id, value);
CREATE INDEX ix_images_deleted ON images USING btree (deleted);
CREATE INDEX os_hash_value_image_idx ON images USING btree (os_hash_value);
CREATE INDEX os_hidden_image_idx ON images USING btree (os_hidden);
CREATE INDEX owner_image_idx ON images USING btree (owner);
CREATE INDEX updated_at_image_idx ON images USING btree (updated_at);
CREATE INDEX visibility_image_idx ON images USING btree (visibility);
ALTER TABLE ONLY image_members
    ADD CONSTRAINT image_members_image_id_fkey FOREIGN KEY (image_id) REFERENCES images(id);
ALTER TABLE ONLY image_properties
    ADD CONSTRAINT image_properties_image_id_fkey FOREIGN KEY (image_id) REFERENCES images(id);
ALTER TABLE ONLY image_tags
    ADD CONSTRAINT image_tags_image_id_fkey FOREIGN KEY (image_id) REFERENCES images(id);
