package org.glancej.app;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.glancej.auth.AuthConfig;
import org.glancej.auth.Authenticator;
import org.glancej.auth.KeystoneAuthenticator;
import org.glancej.auth.KeystoneConfig;
import org.glancej.keystone.Keystone;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.config.OptionAudit;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.SchemaCheck;
import org.glancej.http.ApiServer;
import org.glancej.http.RequestContexts;
import org.glancej.http.RequestsInFlight;
import org.glancej.http.ServerConfig;
import org.glancej.http.cors.CorsConfig;
import org.glancej.http.health.HealthcheckConfig;
import org.glancej.http.health.HealthcheckResource;
import org.glancej.http.schemas.CustomImageProperties;
import org.glancej.http.schemas.SchemaDocuments;
import org.glancej.http.schemas.SchemasResource;
import org.glancej.http.versions.AdvertisedVersions;
import org.glancej.http.versions.VersionsDocument;
import org.glancej.http.versions.VersionsResource;
import org.glancej.info.StoresResource;
import org.glancej.info.UsageResource;
import org.glancej.images.ImageActionsResource;
import org.glancej.images.DataAcls;
import org.glancej.images.DataRemover;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocations;
import org.glancej.images.PendingDataDao;
import org.glancej.images.StageDao;
import org.glancej.images.UploadDao;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageService;
import org.glancej.images.ImageTagsResource;
import org.glancej.images.ImageView;
import org.glancej.images.StageHostProxy;
import org.glancej.images.ImagesConfig;
import org.glancej.images.ImagesResource;
import org.glancej.images.data.DataIngest;
import org.glancej.images.data.LocationImport;
import org.glancej.images.data.LocationImportConfig;
import org.glancej.images.data.LocationsResource;
import org.glancej.images.TaskLockDao;
import org.glancej.images.data.ImageDataResource;
import org.glancej.images.data.StageConfig;
import org.glancej.images.data.StageResource;
import org.glancej.images.data.StageService;
import org.glancej.images.data.ImageDataService;
import org.glancej.images.data.UploadOwner;
import org.glancej.images.data.UploadRecovery;
import org.glancej.images.data.UploadRecoveryConfig;
import org.glancej.images.data.UploadsInFlight;
import org.glancej.images.data.digest.Digests;
import org.glancej.images.data.format.FormatEnforcement;
import org.glancej.imports.plugins.ImportPlugins;
import org.glancej.imports.plugins.ImportPluginsConfig;
import org.glancej.images.protection.PropertyProtectionConfig;
import org.glancej.images.protection.PropertyProtections;
import org.glancej.images.request.ImageBaseProperties;
import org.glancej.images.request.ImageSchema;
import org.glancej.members.ImageMembersResource;
import org.glancej.members.ImageMember;
import org.glancej.members.MemberDao;
import org.glancej.members.MemberPermissions;
import org.glancej.policy.Credentials;
import org.glancej.policy.PolicyConfig;
import org.glancej.policy.PolicyEnforcer;
import org.glancej.members.MemberService;
import org.glancej.members.MemberView;
import org.glancej.quota.KeystoneLimits;
import org.glancej.quota.QuotaChecker;
import org.glancej.quota.QuotaConfig;
import org.glancej.quota.QuotaUsageDao;
import org.glancej.quota.UnifiedLimits;
import org.glancej.store.StoreRegistry;
import org.glancej.store.StoresConfig;
import org.glancej.imports.AbandonedImports;
import org.glancej.imports.ImportJob;
import org.glancej.imports.ImportLock;
import org.glancej.imports.ImportMethods;
import org.glancej.imports.ImportService;
import org.glancej.imports.LegacyImportTask;
import org.glancej.imports.ImportsResource;
import org.glancej.imports.StagedData;
import org.glancej.imports.ConfiguredPlugins;
import org.glancej.imports.FetchedSource;
import org.glancej.imports.source.GlanceEndpoints;
import org.glancej.imports.source.ImportSources;
import org.glancej.imports.source.KeystoneGlanceEndpoints;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.glancej.net.UrlGuard;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskDao;
import org.glancej.tasks.TaskRecovery;
import org.glancej.tasks.TaskRunner;
import org.glancej.tasks.TaskService;
import org.glancej.tasks.TasksConfig;
import org.glancej.tasks.TasksResource;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: configuration read and checked, database ready, features wired, server listening. */
public final class GlanceApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GlanceApplication.class);

    /** How long uploads cut off at the end of the grace period get to put their images back to queued. */
    private static final Duration CUT_OFF_CLEANUP = Duration.ofSeconds(10);

    private final Database database;
    private final StoreRegistry stores;
    private final ExecutorService background;
    private final WebServer server;
    private final RequestsInFlight requests;
    private final UploadsInFlight uploads;
    private final UploadRecovery recovery;
    private final TaskRunner tasks;
    private final TaskRecovery taskRecovery;
    private final Duration gracePeriod;

    private GlanceApplication(Database database, StoreRegistry stores, ExecutorService background, WebServer server,
            RequestsInFlight requests, UploadsInFlight uploads, UploadRecovery recovery, TaskRunner tasks,
            TaskRecovery taskRecovery, Duration gracePeriod) {
        this.tasks = tasks;
        this.taskRecovery = taskRecovery;
        this.database = database;
        this.stores = stores;
        this.background = background;
        this.server = server;
        this.requests = requests;
        this.uploads = uploads;
        this.recovery = recovery;
        this.gracePeriod = gracePeriod;
    }

    public static GlanceApplication start(ConfigFile conf) {
        OptionAudit.standard().enforce(conf);
        AuthConfig auth = AuthConfig.from(conf);
        PolicyEnforcer policy = PolicyEnforcer.load(PolicyConfig.from(conf));
        // one Keystone client for [keystone_authtoken]: token validation and callers' catalogs share it
        KeystoneConfig keystoneConfig = auth.authenticated() ? KeystoneConfig.from(conf) : null;
        Keystone keystone = keystoneConfig != null ? keystoneConfig.keystone() : null;
        Authenticator authenticator = keystone != null
                ? new KeystoneAuthenticator(keystone.session(keystoneConfig.service(), "[keystone_authtoken]",
                        Clock.systemUTC()), keystoneConfig, token -> policy.isAdmin(
                        new Credentials(token.userId(), token.userDomainId(), token.projectId(),
                                token.projectDomainId(), token.domainId(), token.systemScope(), token.roles())),
                        Clock.systemUTC())
                : Authenticator.none();
        ServerConfig serverConfig = ServerConfig.from(conf, auth.authenticated());
        HealthcheckConfig healthcheck = HealthcheckConfig.from(conf);
        ImagesConfig imagesConfig = ImagesConfig.from(conf);
        QuotaConfig quotaConfig = QuotaConfig.from(conf);
        PropertyProtections protections =
                PropertyProtections.load(PropertyProtectionConfig.from(conf), policy::allowsRuleReference);
        CustomImageProperties customProperties = CustomImageProperties.find(conf.sources());
        StoresConfig storesConfig = StoresConfig.from(conf, StoreTypes.available().keySet());
        UploadRecoveryConfig recoveryConfig = UploadRecoveryConfig.from(conf);
        // built now so that an unknown plugin or a missing qemu-img stops startup; the import runs it
        ImportPlugins importPlugins = ImportPlugins.create(
                ImportPluginsConfig.from(conf, imagesConfig.imageSizeCap()), FormatEnforcement.from(conf));
        TasksConfig tasksConfig = TasksConfig.from(conf);
        UrlFilterOptions importFilter = UrlFilterOptions.from(conf);
        Database database = Database.open(DatabaseConfig.from(conf));
        StoreRegistry stores = null;
        ExecutorService background = null;
        TaskRunner runner = null;
        try {
            stores = StoreRegistry.create(storesConfig, StoreTypes.available());
            new SchemaCheck(database).ensureReady();
            Clock clock = Clock.systemUTC();
            // work that outlives its request (hashing a location's data); stopped with the application
            background = Executors.newVirtualThreadPerTaskExecutor();
            ImageDao dao = new ImageDao(database.dataSource(), database.dialect());
            ImageAccess access = new ImageAccess(policy);
            QuotaUsageDao usage = new QuotaUsageDao(database.dataSource());
            QuotaChecker quotas = new QuotaChecker(quotaConfig, usage);
            UnifiedLimits limits = quotaConfig.osloLimit()
                    .map(oslo -> UnifiedLimits.enabled(new KeystoneLimits(oslo, clock), usage))
                    .orElseGet(UnifiedLimits::disabled);
            DataRemover remover = new DataRemover(new PendingDataDao(database.dataSource(), database.dialect()), stores,
                    clock);
            UploadDao uploadDao = new UploadDao(database.dataSource(), database.dialect());
            StageDao stageDao = new StageDao(database.dataSource(), database.dialect(), uploadDao);
            UploadsInFlight uploads = new UploadsInFlight();
            UploadOwner owner = UploadOwner.current();
            boolean showLocations = ImageLocations.showMultipleLocations(conf);
            ImageLocations locations = new ImageLocations(stores, showLocations, imagesConfig.hashingAlgorithm());
            StageHostProxy stageHosts = new StageHostProxy(StageConfig.selfUrl(conf), StageHostProxy.TIMEOUT);
            MemberDao memberDao = new MemberDao(database.dataSource(), database.dialect());
            DataAcls acls = new DataAcls(stores, id -> memberDao.list(id).stream().map(ImageMember::memberId).toList());
            ImageService images = new ImageService(dao, remover, access, quotas, limits, protections, locations,
                    stageHosts, acls, clock);
            Digests digests = Digests.create();
            LOG.info("hashing image data with {}", digests.describe());
            DataIngest ingest = new DataIngest(stores, imagesConfig, quotas, limits, digests, clock, uploadDao, remover,
                    uploads, owner);
            ImageDataService data = new ImageDataService(images, dao, stores, ingest, remover, clock);
            MemberService members = new MemberService(images, memberDao, new MemberPermissions(access),
                    quotas, clock);
            TaskDao taskDao = new TaskDao(database.dataSource(), database.dialect());
            TaskLockDao locks = new TaskLockDao(database.dataSource(), database.dialect());
            runner = new TaskRunner(taskDao, tasksConfig, clock);
            UrlGuard importGuard = new UrlGuard(importFilter, HostResolver.SYSTEM);
            ImportSources importSources = ImportSources.from(conf,
                    keystone != null ? new KeystoneGlanceEndpoints(keystone) : GlanceEndpoints.NONE);
            ImageSchema imageSchema = ImageSchema.of(imagesConfig,
                    ImageSchema.customProperties(customProperties.definitions()));
            // import methods this service can run as configured: those that stage need a staging store
            Set<String> runnable = StagedData.stagingStore(stores).isPresent()
                    ? Set.of(ImportMethods.GLANCE_DIRECT, ImportMethods.WEB_DOWNLOAD, ImportMethods.COPY_IMAGE,
                            ImportMethods.GLANCE_DOWNLOAD)
                    : Set.of(ImportMethods.COPY_IMAGE);
            ImportMethods importMethods = ImportMethods.from(conf, runnable);
            StageService stages = new StageService(images, stores, ingest, uploadDao, stageDao, uploads,
                    StageConfig.from(conf, importMethods.isEnabled(ImportMethods.GLANCE_DIRECT)), clock);
            ImportJob importJob = new ImportJob(dao, ingest, locks, remover, limits,
                    new ConfiguredPlugins(importPlugins, stores, dao, clock), stageDao,
                    Map.of(ImportMethods.GLANCE_DIRECT, StagedData.glanceDirect(stores, stageDao),
                            ImportMethods.WEB_DOWNLOAD, FetchedSource.webDownload(stores, importSources),
                            ImportMethods.GLANCE_DOWNLOAD,
                            FetchedSource.glanceDownload(stores, importSources, dao, clock),
                            ImportMethods.COPY_IMAGE, StagedData.copyOf(StagedData.ImageDataReader.of(data))),
                    acls, clock);
            ImportService importService = new ImportService(images, dao, stores, taskDao, locks,
                    new ImportLock(locks, taskDao, tasksConfig.timeToLive(), clock), runner, importJob, limits,
                    importSources, stageHosts, clock);
            TaskService taskService = new TaskService(taskDao, runner, policy, importGuard,
                    new LegacyImportTask(images, data, importSources, imageSchema), clock);
            // the features newer versions added that this service has: versions adding others are not advertised
            // 2.6 and 2.11 (interoperable import, its lock) once staging makes glance-direct and web-download runnable
            Set<String> features = StagedData.stagingStore(stores).isPresent()
                    ? Set.of(AdvertisedVersions.LOCATIONS_API, AdvertisedVersions.IMAGE_TASKS,
                            AdvertisedVersions.COPY_IMAGE, AdvertisedVersions.IMPORT)
                    : Set.of(AdvertisedVersions.LOCATIONS_API, AdvertisedVersions.IMAGE_TASKS,
                            AdvertisedVersions.COPY_IMAGE);
            VersionsDocument versions = VersionsDocument.truthful(false, stores.multiStore(), features,
                    serverConfig.publicEndpoint());
            VersionsResource versionsResource = new VersionsResource(versions);
            List<HttpService> services = new java.util.ArrayList<>(List.of(
                    new ShutdownGate(uploads),
                    new HealthcheckResource(healthcheck),
                    versionsResource,
                    under("/v2/schemas", new SchemasResource(new SchemaDocuments(ImageBaseProperties.build(
                            imagesConfig.diskFormats(), imagesConfig.containerFormats()), customProperties))),
                    new ImagesResource(images, new ImageView(imagesConfig.showImageDirectUrl(), showLocations, stores),
                            imageSchema,
                            imagesConfig, stores, importMethods.enabled()),
                    new ImageDataResource(data),
                    new StageResource(stages),
                    new LocationsResource(new LocationImport(images, dao, locations, stores,
                            locks, digests,
                            LocationImportConfig.from(conf, imagesConfig.hashingAlgorithm()), background, taskDao,
                            tasksConfig.timeToLive(), clock),
                            imagesConfig.hashingAlgorithm()),
                    new ImageTagsResource(images),
                    new ImageActionsResource(images),
                    new ImageMembersResource(members, new MemberView()),
                    new UsageResource(limits),
                    new ImportsResource(importService, importMethods, images, taskDao, clock),
                    new TasksResource(taskService, imagesConfig.limitParamDefault(), imagesConfig.apiLimitMax()),
                    new StoresResource(stores, policy)));
            services.addAll(MetadefServices.create(database, policy, clock, imagesConfig.limitParamDefault(),
                    imagesConfig.apiLimitMax()));
            RequestContexts contexts = new RequestContexts(authenticator);
            RequestsInFlight requests = new RequestsInFlight();
            WebServer server = new ApiServer(serverConfig, contexts, services,
                    new UnknownPaths(versionsResource), versions::advertisesMinor, requests, CorsConfig.from(conf))
                    .start();
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                throw new ConfigException("cannot listen on " + serverConfig.bindHost() + ":" + serverConfig.bindPort()
                        + " ([DEFAULT] bind_host, bind_port): the address is in use or not available");
            }
            UploadRecovery recovery = new UploadRecovery(uploadDao, remover, stores, uploads, owner, recoveryConfig, clock);
            recovery.start();
            TaskRecovery taskRecovery = new TaskRecovery(taskDao, runner, Map.of(Task.API_IMAGE_IMPORT,
                    new AbandonedImports(dao, uploadDao, stageDao, locks, remover, stores, clock)),
                    recoveryConfig.heartbeatInterval(), recoveryConfig.ownerTimeout(),
                    recoveryConfig.recoveryInterval(), tasksConfig, clock);
            taskRecovery.start();
            LOG.info("receiving uploads as {}", owner.id());
            if (!importPlugins.isEmpty()) {
                LOG.info("import plugins, in order: {}", String.join(", ", importPlugins.names()));
            }
            return new GlanceApplication(database, stores, background, server, requests, uploads, recovery, runner,
                    taskRecovery, recoveryConfig.shutdownGracePeriod());
        } catch (RuntimeException e) {
            if (runner != null) {
                runner.close();
            }
            if (background != null) {
                background.shutdownNow();
            }
            if (stores != null) {
                stores.close();
            }
            database.close();
            throw e;
        }
    }

    private static HttpService under(String prefix, HttpService service) {
        return rules -> rules.register(prefix, service);
    }

    public int port() {
        return server.port();
    }

    /**
     * Stops gracefully: new requests get 503, uploads in flight get the grace period to finish, the ones still
     * running then are cut off (their images go back to queued, their data removed); other requests accepted
     * before (downloads, say) get what is left of the grace period; then the server and the database close.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        if (!uploads.drain(gracePeriod)) {
            LOG.warn("shutdown: grace period of {} s over, cutting off {} upload(s) in flight",
                    gracePeriod.toSeconds(), uploads.imageIds().size());
            if (!uploads.cutOff(CUT_OFF_CLEANUP.dividedBy(2))) {
                server.stop();  // a reader blocked on a silent client only wakes when its connection closes
                uploads.cutOff(CUT_OFF_CLEANUP.dividedBy(2));
            }
        } else if (!requests.awaitNone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            LOG.warn("shutdown: grace period of {} s over, closing {} request(s) still being served",
                    gracePeriod.toSeconds(), requests.running());
        }
        server.stop();
        recovery.close();
        taskRecovery.close();
        tasks.close();
        background.shutdownNow();
        stores.close();
        database.close();
    }

}
