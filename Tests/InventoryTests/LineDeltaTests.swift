import Foundation
@testable import Inventory
import Testing

/// The line delta gives back exactly the bytes it was made for, whatever the edit, is small for
/// the edits volatile evidence really sees, and refuses bytes that are not a delta of the base.
struct LineDeltaTests {
    /// `/proc/meminfo` of a host on `day`: the field names and layout of a Debian 12 kernel; the
    /// counters that move on a running machine differ from day to day, the sizes stay.
    static func meminfo(day: Int, host: Int = 0) -> String {
        let fields: [(String, Int, Bool)] = [
            ("MemTotal", 24_683_784, false), ("MemFree", 16_504_484, true), ("MemAvailable", 23_481_456, true),
            ("Buffers", 149_876, true), ("Cached", 6_184_380, true), ("SwapCached", 0, false), ("Active", 3_576_128, true),
            ("Inactive", 3_410_012, true), ("Active(anon)", 116, true), ("Inactive(anon)", 661_920, true),
            ("Active(file)", 3_576_012, true), ("Inactive(file)", 2_748_092, true), ("Unevictable", 17_188, false),
            ("Mlocked", 14_336, false), ("SwapTotal", 0, false), ("SwapFree", 0, false), ("Zswap", 0, false),
            ("Zswapped", 0, false), ("Dirty", 56_004, true), ("Writeback", 32, true), ("AnonPages", 669_044, true),
            ("Mapped", 306_900, true), ("Shmem", 10_152, true), ("KReclaimable", 1_000_632, true), ("Slab", 1_076_484, true),
            ("SReclaimable", 1_000_632, true), ("SUnreclaim", 75_852, true), ("KernelStack", 2_516, true),
            ("PageTables", 9_268, true), ("SecPageTables", 0, false), ("NFS_Unstable", 0, false), ("Bounce", 0, false),
            ("WritebackTmp", 0, false), ("CommitLimit", 12_341_892, false), ("Committed_AS", 1_742_356, true),
            ("VmallocTotal", 34_359_738_367, false), ("VmallocUsed", 41_876, true), ("VmallocChunk", 0, false),
            ("Percpu", 1_472, false), ("HardwareCorrupted", 0, false), ("AnonHugePages", 370_688, true),
            ("ShmemHugePages", 0, false), ("ShmemPmdMapped", 0, false), ("FileHugePages", 0, false),
            ("FilePmdMapped", 0, false), ("Unaccepted", 0, false), ("HugePages_Total", 0, false),
            ("HugePages_Free", 0, false), ("HugePages_Rsvd", 0, false), ("HugePages_Surp", 0, false),
            ("Hugepagesize", 2_048, false), ("Hugetlb", 0, false), ("DirectMap4k", 333_620, false),
            ("DirectMap2M", 12_996_608, false), ("DirectMap1G", 12_582_912, false),
        ]
        return fields.enumerated().map { k, field in
            let (name, value, moves) = field
            let now = moves ? value + (day * 7_919 * (k + 1) + host * 13) % 99_991 : value
            let label = (name + ":").padding(toLength: 16, withPad: " ", startingAt: 0)
            let number = String(now)
            let unit = name.hasPrefix("HugePages_") ? "" : " kB"
            return label + String(repeating: " ", count: max(0, 8 - number.count)) + number + unit + "\n"
        }.joined()
    }

    private func roundTrip(_ target: String, _ base: String) throws -> Data {
        let delta = LineDelta.encode(Data(target.utf8), against: Data(base.utf8))
        #expect(try LineDelta.apply(delta, to: Data(base.utf8)) == Data(target.utf8), "target \(target.debugDescription)")
        return delta
    }

    @Test("meminfo a day later (24 of 55 counters moved) is a delta of under a fifth of its bytes, read back exactly")
    func meminfoDayLater() throws {
        let base = Self.meminfo(day: 0)
        let target = Self.meminfo(day: 1)
        let changed = zip(base.split(separator: "\n"), target.split(separator: "\n")).count { $0 != $1 }
        #expect(changed == 24)
        let delta = try roundTrip(target, base)
        print("meminfo: \(target.utf8.count) bytes, delta \(delta.count) bytes")
        #expect(delta.count * 5 < target.utf8.count)
        // A week later against the same base: the same lines moved, so the delta stays small.
        #expect(try roundTrip(Self.meminfo(day: 7), base).count * 5 < target.utf8.count)
    }

    @Test("edits of every kind round-trip: equal, empty, inserted, removed, moved and changed lines, no final line end, UTF-8, bytes without lines")
    func everyEditRoundTrips() throws {
        let services = (0..<120).map { "unit\($0).service loaded active running Dịch vụ số \($0)\n" }.joined()
        #expect(try roundTrip(services, services).count < 10)
        _ = try roundTrip("", services)
        _ = try roundTrip(services, "")
        _ = try roundTrip("", "")
        _ = try roundTrip("new first line\n" + services, services)
        _ = try roundTrip(String(services.dropFirst(services.split(separator: "\n")[0].count + 1)), services)
        _ = try roundTrip(services + "last line without an end", services)
        _ = try roundTrip(String(services.dropLast()), services)
        let lines = services.split(separator: "\n", omittingEmptySubsequences: false)
        _ = try roundTrip((lines[60...] + lines[..<60]).joined(separator: "\n"), services)
        let oneChanged = services.replacingOccurrences(of: "unit77.service loaded active running", with: "unit77.service loaded failed failed")
        #expect(try roundTrip(oneChanged, services).count < 40)
        _ = try roundTrip("Trung tâm Công nghệ thông tin\nĐã cập nhật\n", "Trung tâm Công nghệ thông tin\nChưa cập nhật\n")
        let binary = Data((0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        var edited = binary
        edited[1_500] ^= 0xFF
        #expect(try LineDelta.apply(LineDelta.encode(edited, against: binary), to: binary) == edited)
    }

    @Test("random texts under random line edits (2,000 pairs, fixed seed) all round-trip")
    func randomEditsRoundTrip() throws {
        var generator = SplitMix(seed: 0x1C7A_0D17)
        let words = ["a", "kB", "0", "12345", "", " ", "running", "Đơn vị", "}", "\t", "x=1"]
        func line() -> String {
            (0..<Int.random(in: 0...4, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
        }
        for _ in 0..<2_000 {
            var base = (0..<Int.random(in: 0...30, using: &generator)).map { _ in line() }
            let original = base.joined(separator: "\n")
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let position = Int.random(in: 0...base.count, using: &generator)
                switch Int.random(in: 0...3, using: &generator) {
                case 0: base.insert(line(), at: position)
                case 1 where position < base.count: base.remove(at: position)
                case 2 where position < base.count: base[position] += words.randomElement(using: &generator)!
                default: base.swapAt(position % max(base.count, 1), (position * 7) % max(base.count, 1))
                }
            }
            _ = try roundTrip(base.joined(separator: "\n") + (Bool.random(using: &generator) ? "\n" : ""), original)
        }
    }

    @Test("bytes that are not a delta of this base are refused with a reason, never read past")
    func malformedIsRefused() throws {
        let base = Data(Self.meminfo(day: 0).utf8)
        let delta = LineDelta.encode(Data(Self.meminfo(day: 1).utf8), against: base)
        #expect(throws: LineDelta.Malformed.self) { try LineDelta.apply(delta.prefix(delta.count - 3), to: base) }
        #expect(throws: LineDelta.Malformed.self) { try LineDelta.apply(delta, to: base.prefix(100)) }
        #expect(throws: LineDelta.Malformed.self) { try LineDelta.apply(Data([9]) + delta.dropFirst(), to: base) }
        #expect(throws: LineDelta.Malformed.self) { try LineDelta.apply(Data(), to: base) }
        #expect(throws: LineDelta.Malformed.self) { try LineDelta.apply(Data([1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]), to: base) }
    }
}

/// A small seeded generator, so a failing random case can be found again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
