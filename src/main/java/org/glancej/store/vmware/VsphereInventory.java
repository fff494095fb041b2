package org.glancej.store.vmware;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.vmware.VimXml.Moref;
import org.w3c.dom.Element;

/**
 * What the store asks the vSphere API, as glance_store's driver does: which configured datastore takes new data
 * (the heaviest with room, among equal weights the one with most free space), and deletion of a datastore file
 * through the FileManager's {@code DeleteDatastoreFile_Task}.
 */
final class VsphereInventory {
    private final VimSession session;
    private final VmwareStoreConfig config;

    VsphereInventory(VimSession session, VmwareStoreConfig config) {
        this.session = requireNonNull(session, "session is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** A configured datastore as the server reports it now. */
    record DatastoreState(VmwareStoreConfig.Datastore configured, long freeSpace) {}

    /**
     * Upstream's {@code select_datastore}: weights from heaviest, within one the datastore with the most free
     * space, taken when that is at least {@code size} (0 when unknown).
     */
    VmwareStoreConfig.Datastore choose(long size) {
        TreeMap<Long, List<DatastoreState>> byWeight = new TreeMap<>(Comparator.reverseOrder());
        for (DatastoreState state : states()) {
            byWeight.computeIfAbsent(state.configured().weight(), w -> new ArrayList<>()).add(state);
        }
        for (List<DatastoreState> group : byWeight.values()) {
            DatastoreState most = group.stream().max(Comparator.comparingLong(DatastoreState::freeSpace)).orElseThrow();
            if (most.freeSpace() > 0 && most.freeSpace() >= size) {
                return most.configured();
            }
        }
        // glance_store's StorageFull text: upstream's answer prefixes it with "Image storage media is full: "
        throw new StoreException(Reason.STORAGE_FULL, "There is not enough disk space on the image storage media.");
    }

    /** Every configured datastore with its free space; one the server does not have makes the store unusable. */
    List<DatastoreState> states() {
        Map<String, Map<String, Long>> freeByDatacenter = new LinkedHashMap<>();
        List<DatastoreState> states = new ArrayList<>();
        for (VmwareStoreConfig.Datastore ds : config.datastores()) {
            Map<String, Long> free = freeByDatacenter.computeIfAbsent(ds.datacenterPath(), this::freeSpaceByName);
            Long space = free.get(ds.name());
            if (space == null) {
                throw new StoreException(Reason.UNAVAILABLE, "The VMware server at " + session.server()
                        + " has no datastore " + ds.name() + " in datacenter " + ds.datacenterPath());
            }
            states.add(new DatastoreState(ds, space));
        }
        return states;
    }

    /** Deletes a file; one already gone is no failure. */
    void delete(VsphereLocation location) {
        Moref datacenter = datacenter(location.datacenterPath());
        Element started = session.invoke("delete image data", "DeleteDatastoreFile_Task",
                session.content().fileManager(), VimXml.element("name", location.datastorePath())
                        + datacenter.xml("datacenter"));
        Moref task = VimXml.child(started, "returnval").map(Moref::of).orElseThrow(
                () -> new StoreException(Reason.UNAVAILABLE, "The VMware server at " + session.server()
                        + " started no deletion task"));
        try {
            waitFor(task, "delete image data");
        } catch (VimFault fault) {
            if (!fault.is("FileNotFound")) {
                throw session.failed("delete image data", fault);
            }
        }
    }

    private Map<String, Long> freeSpaceByName(String datacenterPath) {
        Moref datacenter = datacenter(datacenterPath);
        List<Moref> datastores = new ArrayList<>();
        for (Element val : values(datacenter, "Datacenter", "datastore").values()) {
            VimXml.children(val, "ManagedObjectReference").forEach(e -> datastores.add(Moref.of(e)));
        }
        Map<String, Long> free = new LinkedHashMap<>();
        for (Moref ds : datastores) {
            Map<String, Element> props = values(ds, "Datastore", "name", "summary.freeSpace");
            Element name = props.get("name");
            Element space = props.get("summary.freeSpace");
            if (name != null) {
                free.put(name.getTextContent().strip(), space == null ? 0 : Long.parseLong(space.getTextContent().strip()));
            }
        }
        return free;
    }

    private Moref datacenter(String path) {
        Element found = session.invoke("find datacenter " + path, "FindByInventoryPath",
                session.content().searchIndex(), VimXml.element("inventoryPath", path));
        return VimXml.child(found, "returnval").map(Moref::of).orElseThrow(() -> new StoreException(
                Reason.UNAVAILABLE, "The VMware server at " + session.server() + " has no datacenter " + path));
    }

    /** Polls the task, at once and then every {@code vmware_task_poll_interval}, until it ends. */
    private void waitFor(Moref task, String what) {
        while (true) {
            Map<String, Element> info = values(task, "Task", "info.state", "info.error");
            String state = info.containsKey("info.state") ? info.get("info.state").getTextContent().strip() : "";
            if (state.equals("success")) {
                return;
            }
            if (state.equals("error")) {
                String type = Optional.ofNullable(info.get("info.error")).flatMap(e -> VimXml.child(e, "fault"))
                        .map(VimXml::xsiType).orElse("Fault");
                throw new VimFault(type, "");
            }
            try {
                Thread.sleep(config.taskPollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(Reason.UNAVAILABLE, "Interrupted while waiting to " + what, e);
            }
        }
    }

    /** The named properties of one object, by name ({@code RetrievePropertiesEx}). */
    private Map<String, Element> values(Moref object, String type, String... paths) {
        StringBuilder spec = new StringBuilder("<specSet><propSet>").append(VimXml.element("type", type));
        for (String path : paths) {
            spec.append(VimXml.element("pathSet", path));
        }
        spec.append("</propSet><objectSet>").append(object.xml("obj")).append("</objectSet></specSet><options/>");
        Element answer = session.invoke("read " + type + " properties", "RetrievePropertiesEx",
                session.content().propertyCollector(), spec.toString());
        Map<String, Element> found = new LinkedHashMap<>();
        VimXml.child(answer, "returnval").ifPresent(r -> VimXml.children(r, "objects").forEach(o ->
                VimXml.children(o, "propSet").forEach(p -> VimXml.child(p, "val")
                        .ifPresent(v -> found.put(VimXml.text(p, "name"), v)))));
        return found;
    }
}
