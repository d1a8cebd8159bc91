public import CoreMetrics
public import Foundation
public import InventoryModel
public import Prometheus

/// The figures `/metrics` exposes to Prometheus: scan and host durations, hosts by status,
/// findings by severity and verdict, capture drops and how late the scheduler starts runs.
///
/// Metrics are made through swift-metrics with an explicit factory over one registry per
/// service, so several servers in one test process never share counters, and nothing here
/// bootstraps the global metrics system (the executable may).
public final class ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60),
            .seconds(300), .seconds(900), .seconds(3600),
        ]
        self.factory = factory
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A whole scan ended (scheduled or started by hand).
    public func scanFinished(seconds: Double, trigger: String, failed: Bool) {
        CoreMetrics.Timer(label: "ictaudit_scan_duration_seconds", dimensions: [("trigger", trigger)], factory: factory)
            .recordSeconds(seconds)
        Counter(label: "ictaudit_scans_total", dimensions: [("trigger", trigger), ("result", failed ? "failed" : "completed")], factory: factory)
            .increment()
    }

    /// One host's result came in.
    public func hostFinished(_ host: HostScan) {
        CoreMetrics.Timer(label: "ictaudit_host_scan_duration_seconds", dimensions: [("status", host.status.rawValue)], factory: factory)
            .recordSeconds(host.durationSeconds)
        Counter(label: "ictaudit_hosts_scanned_total", dimensions: [("status", host.status.rawValue)], factory: factory).increment()
    }

    /// The newest scan's hosts by status and findings by severity and verdict, as gauges.
    public func latestScan(hostsByStatus: [String: Int], findings: [Finding]) {
        for status in HostStatus.allCases {
            Gauge(label: "ictaudit_hosts", dimensions: [("status", status.rawValue)], factory: factory)
                .record(hostsByStatus[status.rawValue] ?? 0)
        }
        var counts: [String: Int] = [:]
        for finding in findings { counts["\(finding.severity.rawValue)|\(finding.verdict.rawValue)", default: 0] += 1 }
        for severity in Severity.allCases {
            for verdict in Verdict.allCases {
                Gauge(
                    label: "ictaudit_findings", dimensions: [("severity", severity.rawValue), ("verdict", verdict.rawValue)],
                    factory: factory
                ).record(counts["\(severity.rawValue)|\(verdict.rawValue)"] ?? 0)
            }
        }
    }

    /// A capture an audit read or made: its packets, and what a live capture lost (kernel and
    /// interface drops, as libpcap counted them; a file reports none).
    public func captured(_ capture: WireCapture) {
        Counter(label: "ictaudit_capture_packets_total", dimensions: [("source", capture.source)], factory: factory)
            .increment(by: capture.packets)
        guard let drops = capture.drops else { return }
        for (place, count) in [("kernel", drops.kernel), ("interface", drops.interface)] {
            Counter(label: "ictaudit_capture_dropped_packets_total", dimensions: [("source", capture.source), ("where", place)], factory: factory)
                .increment(by: count)
        }
    }

    /// What the scheduler did: a run started late (its lag; runs started by hand have none), or
    /// fire times dropped.
    public func scheduler(_ event: SchedulerEvent) {
        switch event {
        case .started(let name, _, let late, _, let byHand): if !byHand { schedulerLag(seconds: late, schedule: name) }
        case .dropped(let name, let times, let reason): schedulerDropped(times.count, schedule: name, reason: "\(reason)")
        case .finished: break
        }
    }

    /// How long after its fire time a scheduled run started.
    public func schedulerLag(seconds: Double, schedule: String) {
        CoreMetrics.Timer(label: "ictaudit_scheduler_lag_seconds", dimensions: [("schedule", schedule)], factory: factory)
            .recordSeconds(seconds)
    }

    /// Fire times dropped (missed while down, or the previous run still going).
    public func schedulerDropped(_ count: Int, schedule: String, reason: String) {
        Counter(label: "ictaudit_scheduler_dropped_total", dimensions: [("schedule", schedule), ("reason", reason)], factory: factory)
            .increment(by: count)
    }

    /// One HTTP request served.
    public func request(route: String, status: Int, seconds: Double) {
        CoreMetrics.Timer(
            label: "ictaudit_http_request_duration_seconds", dimensions: [("route", route), ("status", String(status))], factory: factory
        ).recordSeconds(seconds)
    }
}
