import Foundation
import ICTAuditTesting
import PacketScan
import Testing

@Suite("Report shape")
struct ReportShapeTests {
    @Test("JSON holds hosts (ip, mac, packets and bytes both ways), links, bandwidth and observations")
    func jsonShape() throws {
        let report = try Fixture.analyse([
            ApplicationLayerTests.tcp("10.10.1.40", "192.168.50.2", 40001, 23, flags: Frames.syn, [])
        ])
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any]
        let json = try #require(object)
        for key in ["hosts", "links", "bandwidth", "observations", "stations", "counts", "malformed", "complete"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let hosts = try #require(json["hosts"] as? [[String: Any]])
        let client = try #require(hosts.first { $0["ip"] as? String == "10.10.1.40" })
        #expect(client["mac"] as? String == "3c:52:82:00:00:01")
        #expect(client["packetsSent"] as? Int == 1)
        #expect(client["packetsReceived"] as? Int == 0)
        #expect(client["bytesSent"] as? Int == 54)
        #expect(client["bytesReceived"] as? Int == 0)
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.count == 1)
        let observations = try #require(json["observations"] as? [[String: Any]])
        #expect(observations.first?["proto"] as? String == "telnet")
        #expect(observations.first?["kind"] as? String == "cleartext-protocol")
        let bandwidth = try #require(json["bandwidth"] as? [String: Any])
        #expect(bandwidth["intervals"] as? Int == 1)
    }
}
