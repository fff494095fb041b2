// A vCenter simulator for the VMware datastore store's tests: govmomi's simulator with one datacenter
// (DC0) and -datastores local datastores (LocalDS_0, ...) whose files live under -dir, so that data
// survives a restart on the same directory. With -tls it serves HTTPS with a self-signed certificate for
// 127.0.0.1 kept in -dir (cert.pem is the CA file clients trust).
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"log"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:18989", "address to listen on")
	user := flag.String("user", "glance", "the one user accepted")
	password := flag.String("password", "vcsim-password", "that user's password")
	dir := flag.String("dir", "/tmp/glancej-vcsim/data", "where datastore files (and the TLS certificate) live")
	datastores := flag.Int("datastores", 2, "local datastores in the datacenter")
	useTLS := flag.Bool("tls", false, "serve HTTPS")
	idle := flag.Duration("idle", 0, "end sessions idle this long (0: never)")
	flag.Parse()

	simulator.SessionIdleTimeout = *idle
	model := simulator.VPX()
	model.Datastore = *datastores
	model.Machine = 0
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	defer model.Remove()
	for _, entity := range simulator.Map.All("Datastore") {
		ds := entity.(*simulator.Datastore)
		info := ds.Info.GetDatastoreInfo()
		_ = os.RemoveAll(info.Url) // the model's temporary directory: ours persists
		info.Url = filepath.Join(*dir, "datastores", ds.Name)
		ds.Summary.Url = info.Url
		if err := os.MkdirAll(info.Url, 0o700); err != nil {
			log.Fatal(err)
		}
		ds.RefreshDatastore(&types.RefreshDatastore{This: ds.Self})
	}
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*user, *password)}
	if *useTLS {
		cert, err := certificate(*dir)
		if err != nil {
			log.Fatal(err)
		}
		model.Service.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	server := model.Service.NewServer()
	log.Printf("vcsim serving %s", server.URL)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	server.Close()
}

// certificate loads, or makes once, a self-signed certificate for 127.0.0.1 in dir.
func certificate(dir string) (tls.Certificate, error) {
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if cert, err := tls.LoadX509KeyPair(certFile, keyFile); err == nil {
		return cert, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	template := x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "vcsim 127.0.0.1"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(10, 0, 0),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, &template, &template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyDer, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDer}), 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.LoadX509KeyPair(certFile, keyFile)
}
