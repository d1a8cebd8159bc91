import Audit
import Foundation
import Ranking
import Testing

/// How the workspace finds its data, on a fake layout of real folders: an install prefix, a
/// configuration directory, a checkout, and a directory that is none of them.
struct AuditWorkspaceTests {
    /// A scratch tree: `etc/ictaudit`, `prefix/{bin,share/ictaudit}`, `checkout`, `elsewhere`.
    struct Layout {
        let root: URL
        var etc: String { root.appendingPathComponent("etc/ictaudit").path }
        var binary: String { root.appendingPathComponent("prefix/bin/ictaudit").path }
        var share: String { root.appendingPathComponent("prefix/share/ictaudit").path }
        var checkout: String { root.appendingPathComponent("checkout").path }
        var elsewhere: String { root.appendingPathComponent("elsewhere").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-ws-\(UUID().uuidString)")
            for folder in ["prefix/bin", "elsewhere/deeper", "checkout/Sources"] {
                try FileManager.default.createDirectory(
                    at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try Data().write(to: root.appendingPathComponent("checkout/Package.swift"))
        }

        /// Gives `data` a `policies/ranking` folder, so it counts as a data directory.
        func makeData(_ data: String) throws {
            try FileManager.default.createDirectory(
                atPath: data + "/policies/ranking", withIntermediateDirectories: true)
        }

        func search(explicit: String? = nil, environment: [String: String] = [:], cwd: String? = nil, binary: String? = nil)
            -> DataSearch
        {
            DataSearch(
                explicit: explicit, environment: environment, configurationDirectory: etc,
                executablePath: binary ?? self.binary, currentDirectory: cwd ?? elsewhere)
        }
    }

    @Test("Each place wins over the ones after it: flag, variable, /etc, the prefix's share, the checkout")
    func order() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let flagData = layout.root.appendingPathComponent("flag").path
        let envData = layout.root.appendingPathComponent("env").path
        for data in [flagData, envData, layout.etc, layout.share, layout.checkout] { try layout.makeData(data) }
        func found(_ search: DataSearch) throws -> String { try search.policiesFolder().path }

        let inCheckout = layout.search(cwd: layout.checkout + "/Sources", binary: "/nonexistent/bin/ictaudit")
        let everything = layout.search(explicit: flagData, environment: ["ICTAUDIT_DATA": envData])
        #expect(try found(everything) == flagData + "/policies")
        #expect(try found(layout.search(environment: ["ICTAUDIT_DATA": envData])) == envData + "/policies")
        #expect(try found(layout.search(environment: ["ICTAUDIT_POLICIES": envData + "/policies"])) == envData + "/policies")
        #expect(try found(layout.search()) == layout.etc + "/policies")
        try FileManager.default.removeItem(atPath: layout.etc)
        #expect(try found(layout.search()) == layout.share + "/policies")
        try FileManager.default.removeItem(atPath: layout.share)
        // The checkout is found above the current directory when the binary is elsewhere…
        #expect(try found(inCheckout) == layout.checkout + "/policies")
        // …and above the binary when run from anywhere (`.build/debug/ictaudit` in a checkout).
        let built = layout.checkout + "/.build/debug/ictaudit"
        #expect(try found(layout.search(binary: built)) == layout.checkout + "/policies")
    }

    @Test("Nothing found: the error lists every place in order, and is not a file:1:1 error")
    func notFound() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let error = try #require(throws: WorkspaceError.self) { try layout.search().policiesFolder() }
        let text = error.description
        #expect(text.hasPrefix("no ictaudit data (a policies/ folder) found; looked in, in this order:"))
        let lines = text.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(
            lines == [
                "--data: not set", "$ICTAUDIT_DATA: not set", "configuration directory: \(layout.etc)/policies",
                "install prefix: \(layout.share)/policies", "checkout above the binary: none",
                "checkout above \(layout.elsewhere): none",
            ])
        #expect(!text.contains(":1:1"))
    }

    @Test("A folder the user named that does not exist is an error, even when a later place has data")
    func chosenButMissing() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try layout.makeData(layout.etc)
        let missing = layout.root.appendingPathComponent("typo").path
        let flag = try #require(throws: WorkspaceError.self) { try layout.search(explicit: missing).policiesFolder() }
        #expect(flag.description.hasPrefix("--data names \(missing)/policies, which is not a folder"))
        let variable = try #require(throws: WorkspaceError.self) {
            try layout.search(environment: ["ICTAUDIT_DATA": "typo"], cwd: layout.root.path).policiesFolder()
        }
        #expect(variable.description.hasPrefix("$ICTAUDIT_DATA names \(missing)/policies, which is not a folder"))
    }

    @Test("A ranking method is a file or a name in the data's ranking folder, with a suggestion for a typo")
    func rankingMethodByName() throws {
        let checkout = Self.checkout
        let search = DataSearch(
            explicit: checkout, environment: [:], configurationDirectory: "/nonexistent", executablePath: nil,
            currentDirectory: "/")
        let byName = try AuditWorkspace(options: .init(rankingMethod: "ict-index"), search: search).rankingMethod()
        #expect(byName.id == "ict-index")
        let error = try #require(throws: WorkspaceError.self) {
            try AuditWorkspace(options: .init(rankingMethod: "ict-indx"), search: search).rankingMethod()
        }
        #expect(error.description.hasSuffix("did you mean 'ict-index'?"))
        #expect(try AuditWorkspace(search: search).rankingMethod().id == "basic")
    }

    @Test("A report reuses stored findings unless policies were named; suites and policies come from the data")
    func decisions() throws {
        let search = DataSearch(
            explicit: Self.checkout, environment: [:], configurationDirectory: "/nonexistent", executablePath: nil,
            currentDirectory: "/")
        let defaults = AuditWorkspace(search: search)
        #expect(defaults.reusesStoredFindings)
        #expect(!AuditWorkspace(options: .init(policyPaths: ["p.yaml"]), search: search).reusesStoredFindings)
        #expect(try defaults.policyPaths() == [Self.checkout + "/policies"])
        #expect(try defaults.cataloguesFolder() == Self.checkout + "/policies/catalogues")
        #expect(try defaults.policyTestSuites([]).allSatisfy { $0.lastPathComponent.hasSuffix(".tests.yaml") })
        #expect(try defaults.policies().count >= 3)
        let missing = try #require(throws: WorkspaceError.self) {
            try AuditWorkspace(options: .init(policyPaths: ["/nonexistent/p.yaml"]), search: search).policies()
        }
        #expect(missing.description == "no such file or folder: /nonexistent/p.yaml")
    }

    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}
