import Foundation
import InventoryModel
import Logging

/// Scans hosts over SSH: connect, verify the host key, authenticate, run ONE probe batch, parse.
///
/// Each host ends as a `HostScan` with a status, whatever happens on the wire; a failing host
/// never affects the others.
public struct HostScanner: Sendable {
    public let options: ScanOptions
    private let knownHosts: KnownHosts
    private let environment: [String: String]
    private let logger: Logger

    public init(
        options: ScanOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "ictaudit.ssh")
    ) {
        self.options = options
        self.environment = environment
        self.logger = logger
        knownHosts = KnownHosts(path: options.knownHostsPath, acceptNew: options.acceptNewHostKeys)
    }

    /// Scans one target on the calling thread; blocks for at most `options.hostTimeout` seconds.
    public func scan(_ target: SSHTarget) -> HostScan {
        let started = Date()
        let clock = DispatchTime.now()
        var record = HostScan(target: target, status: .error, startedAt: started, durationSeconds: 0)
        var logger = logger
        logger[metadataKey: "host"] = "\(target.endpoint)"
        do {
            let deadline = Deadline(secondsFromNow: options.hostTimeout)
            let session = try connect(target, deadline: deadline)
            record.serverBanner = session.serverBanner
            record.hostKeyFingerprint = session.hostKeyFingerprint
            try knownHosts.verify(session)
            try Authenticator(environment: environment).authenticate(
                session, user: target.user, credential: target.credential)
            let batch = ProbeBatch.linux(adding: options.evidenceRequests)
            let output = try session.exec(batch.command, maxOutputBytes: options.maxOutputBytes, deadline: deadline)
            record.evidence = batch.sections(from: output.stdout).renamingRequests(options.evidenceRequests)
            record.facts = LinuxFactsParser.facts(from: record.evidence)
            record.status = .scanned
            if output.truncated {
                record.message = "the probe output passed \(options.maxOutputBytes) bytes and was cut; facts are partial"
            }
            logger.debug("scanned", metadata: ["sections": "\(record.evidence.count)"])
        } catch {
            record.status = error.status
            record.message = error.description
            logger.info("scan failed", metadata: ["status": "\(error.status.rawValue)", "reason": "\(error)"])
        }
        record.durationSeconds = Double(DispatchTime.now().uptimeNanoseconds - clock.uptimeNanoseconds) / 1e9
        return record
    }

    /// A session to the target: directly, or through its jump host, whose key and login are
    /// checked like the target's own. Failures at the jump host say so.
    private func connect(_ target: SSHTarget, deadline: Deadline) throws(SSHError) -> SSHSession {
        guard let jump = target.jump else {
            return try SSHSession(
                host: target.address, port: target.port, deadline: deadline, connectTimeout: options.connectTimeout)
        }
        let tunnel: JumpTunnel
        do {
            let bastion = try SSHSession(
                host: jump.address, port: jump.port, deadline: deadline, connectTimeout: options.connectTimeout)
            try knownHosts.verify(bastion)
            try Authenticator(environment: environment).authenticate(bastion, user: jump.user, credential: jump.credential)
            tunnel = try JumpTunnel(through: bastion, to: target.address, port: target.port, deadline: deadline)
        } catch {
            throw error.prefixed("jump host \(jump.endpoint): ")
        }
        return try SSHSession(host: target.address, port: target.port, over: tunnel, deadline: deadline)
    }
}
