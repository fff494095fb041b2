--
-- PostgreSQL database dump
--

\restrict RdXEhRpnXysHaay5gvS7380MRfx274H0ZSg3aUJeLHtBcLjEIKFCbn11G7lqabb

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: image_visibility; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.image_visibility AS ENUM (
    'private',
    'public',
    'shared',
    'community'
);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: image_locations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.image_locations (
    id integer NOT NULL,
    image_id character varying(36) NOT NULL,
    value text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL,
    meta_data text,
    status character varying(30) DEFAULT 'active'::character varying NOT NULL
);


--
-- Name: image_locations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.image_locations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: image_locations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.image_locations_id_seq OWNED BY public.image_locations.id;


--
-- Name: image_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.image_members (
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


--
-- Name: image_members_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.image_members_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: image_members_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.image_members_id_seq OWNED BY public.image_members.id;


--
-- Name: image_properties; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.image_properties (
    id integer NOT NULL,
    image_id character varying(36) NOT NULL,
    name character varying(255) NOT NULL,
    value text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL
);


--
-- Name: image_properties_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.image_properties_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: image_properties_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.image_properties_id_seq OWNED BY public.image_properties.id;


--
-- Name: image_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.image_tags (
    id integer NOT NULL,
    image_id character varying(36) NOT NULL,
    value character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL
);


--
-- Name: image_tags_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.image_tags_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: image_tags_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.image_tags_id_seq OWNED BY public.image_tags.id;


--
-- Name: images; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.images (
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
    visibility public.image_visibility DEFAULT 'shared'::public.image_visibility NOT NULL,
    os_hidden boolean DEFAULT false NOT NULL,
    os_hash_algo character varying(64),
    os_hash_value character varying(128)
);


--
-- Name: metadef_namespace_resource_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.metadef_namespace_resource_types (
    resource_type_id integer NOT NULL,
    namespace_id integer NOT NULL,
    properties_target character varying(80),
    prefix character varying(80),
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: metadef_namespaces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.metadef_namespaces (
    id integer NOT NULL,
    namespace character varying(80) NOT NULL,
    display_name character varying(80),
    description text,
    visibility character varying(32),
    protected boolean,
    owner character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: metadef_namespaces_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.metadef_namespaces_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: metadef_namespaces_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.metadef_namespaces_id_seq OWNED BY public.metadef_namespaces.id;


--
-- Name: metadef_objects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.metadef_objects (
    id integer NOT NULL,
    namespace_id integer NOT NULL,
    name character varying(80) NOT NULL,
    description text,
    required text,
    json_schema text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: metadef_objects_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.metadef_objects_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: metadef_objects_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.metadef_objects_id_seq OWNED BY public.metadef_objects.id;


--
-- Name: metadef_properties; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.metadef_properties (
    id integer NOT NULL,
    namespace_id integer NOT NULL,
    name character varying(80) NOT NULL,
    json_schema text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: metadef_properties_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.metadef_properties_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: metadef_properties_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.metadef_properties_id_seq OWNED BY public.metadef_properties.id;


--
-- Name: metadef_resource_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.metadef_resource_types (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    protected boolean NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: metadef_resource_types_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.metadef_resource_types_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: metadef_resource_types_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.metadef_resource_types_id_seq OWNED BY public.metadef_resource_types.id;


--
-- Name: metadef_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.metadef_tags (
    id integer NOT NULL,
    namespace_id integer NOT NULL,
    name character varying(80) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: metadef_tags_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.metadef_tags_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: metadef_tags_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.metadef_tags_id_seq OWNED BY public.metadef_tags.id;


--
-- Name: task_info; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_info (
    task_id character varying(36) NOT NULL,
    input text,
    result text,
    message text
);


--
-- Name: tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tasks (
    id character varying(36) NOT NULL,
    type character varying(30) NOT NULL,
    status character varying(30) NOT NULL,
    owner character varying(255) NOT NULL,
    expires_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone,
    deleted_at timestamp without time zone,
    deleted boolean NOT NULL,
    image_id character varying(36),
    request_id character varying(64),
    user_id character varying(64)
);


--
-- Name: image_locations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_locations ALTER COLUMN id SET DEFAULT nextval('public.image_locations_id_seq'::regclass);


--
-- Name: image_members id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_members ALTER COLUMN id SET DEFAULT nextval('public.image_members_id_seq'::regclass);


--
-- Name: image_properties id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_properties ALTER COLUMN id SET DEFAULT nextval('public.image_properties_id_seq'::regclass);


--
-- Name: image_tags id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_tags ALTER COLUMN id SET DEFAULT nextval('public.image_tags_id_seq'::regclass);


--
-- Name: metadef_namespaces id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_namespaces ALTER COLUMN id SET DEFAULT nextval('public.metadef_namespaces_id_seq'::regclass);


--
-- Name: metadef_objects id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_objects ALTER COLUMN id SET DEFAULT nextval('public.metadef_objects_id_seq'::regclass);


--
-- Name: metadef_properties id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_properties ALTER COLUMN id SET DEFAULT nextval('public.metadef_properties_id_seq'::regclass);


--
-- Name: metadef_resource_types id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_resource_types ALTER COLUMN id SET DEFAULT nextval('public.metadef_resource_types_id_seq'::regclass);


--
-- Name: metadef_tags id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_tags ALTER COLUMN id SET DEFAULT nextval('public.metadef_tags_id_seq'::regclass);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: image_locations image_locations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_locations
    ADD CONSTRAINT image_locations_pkey PRIMARY KEY (id);


--
-- Name: image_members image_members_image_id_member_deleted_at_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_members
    ADD CONSTRAINT image_members_image_id_member_deleted_at_key UNIQUE (image_id, member, deleted_at);


--
-- Name: image_members image_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_members
    ADD CONSTRAINT image_members_pkey PRIMARY KEY (id);


--
-- Name: image_properties image_properties_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_properties
    ADD CONSTRAINT image_properties_pkey PRIMARY KEY (id);


--
-- Name: image_tags image_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_tags
    ADD CONSTRAINT image_tags_pkey PRIMARY KEY (id);


--
-- Name: images images_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.images
    ADD CONSTRAINT images_pkey PRIMARY KEY (id);


--
-- Name: image_properties ix_image_properties_image_id_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_properties
    ADD CONSTRAINT ix_image_properties_image_id_name UNIQUE (image_id, name);


--
-- Name: metadef_namespace_resource_types metadef_namespace_resource_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_namespace_resource_types
    ADD CONSTRAINT metadef_namespace_resource_types_pkey PRIMARY KEY (resource_type_id, namespace_id);


--
-- Name: metadef_namespaces metadef_namespaces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_namespaces
    ADD CONSTRAINT metadef_namespaces_pkey PRIMARY KEY (id);


--
-- Name: metadef_objects metadef_objects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_objects
    ADD CONSTRAINT metadef_objects_pkey PRIMARY KEY (id);


--
-- Name: metadef_properties metadef_properties_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_properties
    ADD CONSTRAINT metadef_properties_pkey PRIMARY KEY (id);


--
-- Name: metadef_resource_types metadef_resource_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_resource_types
    ADD CONSTRAINT metadef_resource_types_pkey PRIMARY KEY (id);


--
-- Name: metadef_tags metadef_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_tags
    ADD CONSTRAINT metadef_tags_pkey PRIMARY KEY (id);


--
-- Name: task_info task_info_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_info
    ADD CONSTRAINT task_info_pkey PRIMARY KEY (task_id);


--
-- Name: tasks tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);


--
-- Name: metadef_namespaces uq_metadef_namespaces_namespace; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_namespaces
    ADD CONSTRAINT uq_metadef_namespaces_namespace UNIQUE (namespace);


--
-- Name: metadef_objects uq_metadef_objects_namespace_id_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_objects
    ADD CONSTRAINT uq_metadef_objects_namespace_id_name UNIQUE (namespace_id, name);


--
-- Name: metadef_properties uq_metadef_properties_namespace_id_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_properties
    ADD CONSTRAINT uq_metadef_properties_namespace_id_name UNIQUE (namespace_id, name);


--
-- Name: metadef_resource_types uq_metadef_resource_types_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_resource_types
    ADD CONSTRAINT uq_metadef_resource_types_name UNIQUE (name);


--
-- Name: metadef_tags uq_metadef_tags_namespace_id_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_tags
    ADD CONSTRAINT uq_metadef_tags_namespace_id_name UNIQUE (namespace_id, name);


--
-- Name: checksum_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX checksum_image_idx ON public.images USING btree (checksum);


--
-- Name: created_at_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX created_at_image_idx ON public.images USING btree (created_at);


--
-- Name: ix_image_locations_deleted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_locations_deleted ON public.image_locations USING btree (deleted);


--
-- Name: ix_image_locations_image_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_locations_image_id ON public.image_locations USING btree (image_id);


--
-- Name: ix_image_members_deleted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_members_deleted ON public.image_members USING btree (deleted);


--
-- Name: ix_image_members_image_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_members_image_id ON public.image_members USING btree (image_id);


--
-- Name: ix_image_members_image_id_member; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_members_image_id_member ON public.image_members USING btree (image_id, member);


--
-- Name: ix_image_properties_deleted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_properties_deleted ON public.image_properties USING btree (deleted);


--
-- Name: ix_image_properties_image_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_properties_image_id ON public.image_properties USING btree (image_id);


--
-- Name: ix_image_tags_image_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_tags_image_id ON public.image_tags USING btree (image_id);


--
-- Name: ix_image_tags_image_id_tag_value; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_image_tags_image_id_tag_value ON public.image_tags USING btree (image_id, value);


--
-- Name: ix_images_deleted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_images_deleted ON public.images USING btree (deleted);


--
-- Name: ix_metadef_namespaces_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_metadef_namespaces_owner ON public.metadef_namespaces USING btree (owner);


--
-- Name: ix_metadef_ns_res_types_namespace_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_metadef_ns_res_types_namespace_id ON public.metadef_namespace_resource_types USING btree (namespace_id);


--
-- Name: ix_metadef_objects_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_metadef_objects_name ON public.metadef_objects USING btree (name);


--
-- Name: ix_metadef_properties_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_metadef_properties_name ON public.metadef_properties USING btree (name);


--
-- Name: ix_metadef_tags_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_metadef_tags_name ON public.metadef_tags USING btree (name);


--
-- Name: ix_tasks_deleted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tasks_deleted ON public.tasks USING btree (deleted);


--
-- Name: ix_tasks_image_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tasks_image_id ON public.tasks USING btree (image_id);


--
-- Name: ix_tasks_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tasks_owner ON public.tasks USING btree (owner);


--
-- Name: ix_tasks_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tasks_status ON public.tasks USING btree (status);


--
-- Name: ix_tasks_type; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tasks_type ON public.tasks USING btree (type);


--
-- Name: ix_tasks_updated_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tasks_updated_at ON public.tasks USING btree (updated_at);


--
-- Name: os_hash_value_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX os_hash_value_image_idx ON public.images USING btree (os_hash_value);


--
-- Name: os_hidden_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX os_hidden_image_idx ON public.images USING btree (os_hidden);


--
-- Name: owner_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX owner_image_idx ON public.images USING btree (owner);


--
-- Name: updated_at_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX updated_at_image_idx ON public.images USING btree (updated_at);


--
-- Name: visibility_image_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visibility_image_idx ON public.images USING btree (visibility);


--
-- Name: image_locations image_locations_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_locations
    ADD CONSTRAINT image_locations_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.images(id);


--
-- Name: image_members image_members_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_members
    ADD CONSTRAINT image_members_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.images(id);


--
-- Name: image_properties image_properties_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_properties
    ADD CONSTRAINT image_properties_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.images(id);


--
-- Name: image_tags image_tags_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.image_tags
    ADD CONSTRAINT image_tags_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.images(id);


--
-- Name: metadef_namespace_resource_types metadef_namespace_resource_types_namespace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_namespace_resource_types
    ADD CONSTRAINT metadef_namespace_resource_types_namespace_id_fkey FOREIGN KEY (namespace_id) REFERENCES public.metadef_namespaces(id);


--
-- Name: metadef_namespace_resource_types metadef_namespace_resource_types_resource_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_namespace_resource_types
    ADD CONSTRAINT metadef_namespace_resource_types_resource_type_id_fkey FOREIGN KEY (resource_type_id) REFERENCES public.metadef_resource_types(id);


--
-- Name: metadef_objects metadef_objects_namespace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_objects
    ADD CONSTRAINT metadef_objects_namespace_id_fkey FOREIGN KEY (namespace_id) REFERENCES public.metadef_namespaces(id);


--
-- Name: metadef_properties metadef_properties_namespace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_properties
    ADD CONSTRAINT metadef_properties_namespace_id_fkey FOREIGN KEY (namespace_id) REFERENCES public.metadef_namespaces(id);


--
-- Name: metadef_tags metadef_tags_namespace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.metadef_tags
    ADD CONSTRAINT metadef_tags_namespace_id_fkey FOREIGN KEY (namespace_id) REFERENCES public.metadef_namespaces(id);


--
-- Name: task_info task_info_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_info
    ADD CONSTRAINT task_info_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.tasks(id);


--
-- PostgreSQL database dump complete
--

\unrestrict RdXEhRpnXysHaay5gvS7380MRfx274H0ZSg3aUJeLHtBcLjEIKFCbn11G7lqabb

INSERT INTO public.alembic_version VALUES ('wallaby_contract01');
