/**
 * The VMware datastore store: image data as files on a vSphere datastore, configured and located exactly as
 * glance_store's vmware driver does it (SOAP {@code Login} at {@code /sdk}, then the datastore's HTTP file access
 * with the session cookie), so upstream nodes and this service share a datastore and a database. The few vSphere
 * API calls it needs are hand-written SOAP over the JDK's HTTP client instead of a SOAP stack; they are checked
 * against VMware's own vCenter simulator ({@code scripts/vcsim.sh}).
 */
package org.glancej.store.vmware;
