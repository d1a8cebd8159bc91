public import Foundation
public import NIOSSL

/// HTTPS for `ictaudit serve`: the certificate chain and private key named in service.yaml.
///
/// Read and checked when the service starts (the key must match the certificate), so a wrong
/// path or a key that belongs to another certificate stops the start with the file's name, not
/// the first browser's handshake. TLS 1.2 at least; NIOSSL's default ciphers (forward secret).
public enum ServiceTLS {
    /// A certificate or key that cannot serve HTTPS.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The server's TLS configuration from PEM files: `certificate` holds the server's
    /// certificate first, then any intermediates; `key` its private key (unencrypted).
    public static func configuration(certificate: String, key: String) throws(Problem) -> TLSConfiguration {
        func bytes(_ path: String, _ what: String) throws(Problem) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read by this user" : "does not exist"
                throw Problem(description: "\(path): the TLS \(what) \(reason)")
            }
            return [UInt8](data)
        }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(bytes(certificate, "certificate"))
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "\(certificate): not a PEM certificate chain (\(error))")
        }
        guard !chain.isEmpty else { throw Problem(description: "\(certificate): no certificate in the file (PEM expected)") }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(bytes: bytes(key, "private key"), format: .pem)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "\(key): not an unencrypted PEM private key (\(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw Problem(description: "\(key) does not go with \(certificate): \(error)")
        }
        return configuration
    }
}
