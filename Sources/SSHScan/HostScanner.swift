public import Foundation
public import InventoryModel
public import Logging

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
        logger: Logger = HostScanner.silent
    ) {
        self.options = options
        self.environment = environment
        self.logger = logger
        knownHosts = KnownHosts(path: options.knownHostsPath, acceptNew: options.acceptNewHostKeys)
    }

    /// Without a caller's logger the scanner says nothing: a library never decides where logs go.
    public static let silent = Logger(label: "ictaudit.ssh", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Scans one target on the calling thread; blocks for at most `options.hostTimeout` seconds.
    ///
    /// The record keeps the inventory's target; the connection uses it after `options.sshConfig`.
    public func scan(_ inventoryTarget: SSHTarget) -> HostScan {
        let target = options.sshConfig?.apply(to: inventoryTarget) ?? inventoryTarget
        let started = Date()
        let clock = DispatchTime.now()
        var record = HostScan(target: inventoryTarget, status: .error, startedAt: started, durationSeconds: 0)
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
            // What the daemon offers, from its own KEXINIT on a second connection (direct targets
            // only: behind a jump host the address is not reachable from here), when a policy reads it.
            let offer = options.readServerOffer && target.jump == nil && target.proxyJump == nil
                ? ServerKexInit.read(host: target.address, port: target.port, deadline: deadline).flatMap {
                    SSHServerOffer.algorithms($0.text)
                } : nil
            // ONE exec per host: the inventory's `os` picks the batch, nothing is probed first.
            let output: ExecResult
            if target.os == .windows {
                let probe = WindowsProbe(extra: options.extraWindowsProbes + options.windowsEvidenceRequests.windowsSections)
                record.execCount = 1
                output = try session.exec(
                    probe.command, input: probe.input, maxOutputBytes: options.maxOutputBytes, deadline: deadline)
                record.evidence = probe.sections(from: output.stdout, errors: output.stderr)
                    .renamingRequests(options.windowsEvidenceRequests)
                record.facts = WindowsFactsParser.facts(from: record.evidence, catalogue: options.antivirusCatalogue)
                record.facts?.sshOffer = offer
            } else {
                var extra = options.extraLinuxProbes + options.evidenceRequests.linuxSections(sudo: target.sudo ?? false)
                if let catalogue = options.antivirusCatalogue,
                    let paths = ProbeBatch.linuxAntivirusProbe(catalogue, sudo: target.sudo ?? false),
                    !extra.contains(where: { $0.name == paths.name })
                {
                    extra.insert(paths, at: 0)
                }
                var batch = ProbeBatch.linux(
                    sudo: target.sudo ?? false, extra: extra, pendingUpdates: options.pendingUpdates)
                // Past our own deadline, so the host cleans up only after we have given up.
                batch.timeLimit = Int(deadline.remainingMilliseconds / 1000) + 3
                record.execCount = 1
                output = try session.exec(
                    batch.command, input: batch.input, maxOutputBytes: options.maxOutputBytes, deadline: deadline)
                record.evidence = batch.sections(from: output.stdout).renamingRequests(options.evidenceRequests)
                record.facts = LinuxFactsParser.facts(
                    from: record.evidence, catalogue: options.antivirusCatalogue, serverBanner: record.serverBanner)
                record.facts?.sshOffer = offer
            }
            try HostScanner.checkAnswered(output, evidence: record.evidence, target: target)
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
        guard let jump = target.jump ?? target.proxyJump.flatMap({ JumpHost(proxyJump: $0, for: target) }) else {
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

    /// A host that ran nothing of the batch did not answer it: say why instead of recording a
    /// "scanned" host without facts.
    static func checkAnswered(_ output: ExecResult, evidence: [Evidence], target: SSHTarget) throws(SSHError) {
        guard evidence.isEmpty else { return }
        // PowerShell 5.1 writes its errors as CLIXML: the reason is in its error strings.
        let errors = PowerShellErrorStream.errors(in: output.stderr.prefix(64 * 1024)).map { String($0.prefix(300)) } ?? ""
        let said = (errors + String(decoding: output.stdout.prefix(300), as: UTF8.self))
            .replacingOccurrences(of: "\r", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        if target.os != .windows && said.contains("is not recognized as an internal or external command") {
            throw .failed("the host answered like Windows (cmd.exe); set `os: windows` on this target")
        }
        let code = output.exitCode.map { "exit code \($0)" } ?? "no exit code"
        throw .failed(
            "the host returned none of the probe's sections (\(code))"
                + (said.isEmpty ? "" : ": \(said.prefix(200).debugDescription)"))
    }
}
