/**
 * The Ceph RBD store, upstream's {@code rbd} driver: images in a Ceph pool with the layout Nova and Cinder clone.
 *
 * <p>It calls librados and librbd (Debian's librados2 and librbd1) through the JDK's foreign function API rather
 * than the JNA binding {@code com.ceph:rados}: that binding's last release is from 2020 and unmaintained, it pulls
 * in an old JNA, and it moves data through {@code byte[]} copies, where the FFM API reads and writes librbd's
 * buffers off-heap with no extra dependency and a binding of about twenty functions ({@link
 * org.glancej.store.rbd.CephNative}). Every native call blocks and would pin a virtual thread to its carrier, so
 * they all run on a small pool of platform threads the store owns, and requests wait for them there.
 */
package org.glancej.store.rbd;
