package org.glancej.images.data.digest;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few libcrypto (OpenSSL 1.1 or 3) functions a message digest needs, bound once per loaded library.
 * The library stays loaded for the life of the process.
 */
final class LibCrypto {
    /** {@code EVP_MAX_MD_SIZE}: room for the longest digest. */
    static final int MAX_DIGEST_BYTES = 64;

    private final String libraryName;
    private final String version;
    private final MethodHandle ctxNew;
    private final MethodHandle ctxFree;
    private final Optional<MethodHandle> mdFetch;
    private final MethodHandle digestByName;
    private final MethodHandle init;
    private final MethodHandle update;
    private final MethodHandle finish;

    private LibCrypto(String libraryName, SymbolLookup symbols) throws UnavailableException {
        Linker linker = Linker.nativeLinker();
        if (linker.canonicalLayouts().get("size_t").byteSize() != JAVA_LONG.byteSize()) {
            throw new UnavailableException("size_t is not 64 bits on this platform");
        }
        this.libraryName = libraryName;
        this.ctxNew = bind(linker, symbols, "EVP_MD_CTX_new", FunctionDescriptor.of(ADDRESS));
        this.ctxFree = bind(linker, symbols, "EVP_MD_CTX_free", FunctionDescriptor.ofVoid(ADDRESS));
        this.digestByName = bind(linker, symbols, "EVP_get_digestbyname", FunctionDescriptor.of(ADDRESS, ADDRESS));
        // OpenSSL 3 only: an explicitly fetched EVP_MD spares every EVP_DigestInit_ex a provider lookup.
        this.mdFetch = symbols.find("EVP_MD_fetch").map(address -> linker.downcallHandle(address,
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS)));
        this.init = bind(linker, symbols, "EVP_DigestInit_ex",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // Critical with heap access: hashing neither blocks nor calls back into Java, so the JVM may hand it the
        // byte[] itself instead of a copy. The JVM cannot stop this thread for GC meanwhile, so callers keep each
        // call short (see OpenSslDigest.MAX_CRITICAL_BYTES).
        this.update = bind(linker, symbols, "EVP_DigestUpdate",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
        this.finish = bind(linker, symbols, "EVP_DigestFinal_ex",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), Linker.Option.critical(true));
        this.version = symbols.find("OpenSSL_version")
                .map(address -> linker.downcallHandle(address, FunctionDescriptor.of(ADDRESS, JAVA_INT)))
                .map(LibCrypto::versionText)
                .orElse("OpenSSL");
    }

    /** Loads {@code libraryName} the way {@code dlopen} finds it, or says why it cannot be used. */
    static LibCrypto load(String libraryName) throws UnavailableException {
        SymbolLookup symbols;
        try {
            symbols = SymbolLookup.libraryLookup(libraryName, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new UnavailableException("no such library, or it cannot be loaded");
        } catch (IllegalCallerException e) {
            throw new UnavailableException("native access is disabled (--enable-native-access): " + e.getMessage());
        }
        return new LibCrypto(libraryName, symbols);
    }

    String libraryName() {
        return libraryName;
    }

    /** The library's own version string, e.g. {@code OpenSSL 3.0.19 27 Jan 2026}. */
    String version() {
        return version;
    }

    /** The {@code EVP_MD} for {@code name}, if this library provides it; never freed, like the library. */
    Optional<MemorySegment> messageDigest(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            MemorySegment md = mdFetch.isPresent()
                    ? (MemorySegment) mdFetch.get().invokeExact(MemorySegment.NULL, cName, MemorySegment.NULL)
                    : (MemorySegment) digestByName.invokeExact(cName);
            return md.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(md);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** A new {@code EVP_MD_CTX} initialised for {@code md}; the caller frees it with {@link #free}. */
    MemorySegment newContext(MemorySegment md) {
        try {
            MemorySegment ctx = (MemorySegment) ctxNew.invokeExact();
            if (ctx.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("EVP_MD_CTX_new failed");
            }
            if ((int) init.invokeExact(ctx, md, MemorySegment.NULL) != 1) {
                free(ctx);
                throw new IllegalStateException("EVP_DigestInit_ex failed");
            }
            return ctx;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Hashes {@code data}, which may be a heap segment. */
    void update(MemorySegment ctx, MemorySegment data) {
        int ok;
        try {
            ok = (int) update.invokeExact(ctx, data, data.byteSize());
        } catch (Throwable e) {
            throw rethrow(e);
        }
        if (ok != 1) {
            throw new IllegalStateException("EVP_DigestUpdate failed");
        }
    }

    /** Writes the digest into {@code out} (at least {@link #MAX_DIGEST_BYTES} long) and returns its length. */
    int finish(MemorySegment ctx, byte[] out) {
        int[] length = new int[1];
        int ok;
        try {
            ok = (int) finish.invokeExact(ctx, MemorySegment.ofArray(out), MemorySegment.ofArray(length));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        if (ok != 1) {
            throw new IllegalStateException("EVP_DigestFinal_ex failed");
        }
        return length[0];
    }

    void free(MemorySegment ctx) {
        try {
            ctxFree.invokeExact(ctx);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup symbols, String name, FunctionDescriptor descriptor,
            Linker.Option... options) throws UnavailableException {
        MemorySegment address = symbols.find(name)
                .orElseThrow(() -> new UnavailableException("it has no " + name));
        return linker.downcallHandle(address, descriptor, options);
    }

    private static String versionText(MethodHandle openSslVersion) {
        try {
            MemorySegment text = (MemorySegment) openSslVersion.invokeExact(0); // OPENSSL_VERSION
            return text.reinterpret(256).getString(0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(e);
    }

    /** Why a library cannot serve as libcrypto. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }
}
