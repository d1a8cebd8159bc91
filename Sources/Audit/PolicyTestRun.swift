public import Foundation
public import InventoryModel
import PolicyEngine

/// `ictaudit policy test`: each suite of examples loaded with its policy and run, problems kept
/// as lines to print, so a suite that does not load counts as a failure and the others still run.
public struct PolicyTestRun: Sendable {
    public struct SuiteResult: Sendable {
        public var file: URL
        public var cases: Int
        /// Expectations that did not hold, or the one load error, each `file:line:column: …` in
        /// both languages.
        public var problems: [LocalizedText]
        /// False when the suite or its policy did not load.
        public var loaded: Bool
    }

    public var suites: [SuiteResult] = []

    public var expectations = 0
    public var failures: Int { suites.map(\.problems.count).reduce(0, +) }

    public init(_ files: [URL]) {
        for url in files {
            do {
                let suite = try PolicyTestSuite.load(contentsOf: url)
                let policy = try Policy.load(contentsOf: suite.policyURL(relativeTo: url))
                let problems = suite.run(policy)
                expectations += suite.cases.map(\.expectations.count).reduce(0, +)
                suites.append(
                    SuiteResult(file: url, cases: suite.cases.count, problems: problems.map { LocalizedText(vi: $0.text(.vi), en: $0.text(.en)) }, loaded: true))
            } catch {
                let text = LocalizedText(vi: error.text(.vi), en: error.text(.en))
                suites.append(SuiteResult(file: url, cases: 0, problems: [text], loaded: false))
            }
        }
    }

    /// The closing line.
    public func summary(_ language: Language) -> String {
        CommandText.testTotals(suites: suites.count, expectations: expectations, failures: failures).line(language)
    }
}

extension PolicyTestRun.SuiteResult {
    /// `file: ok — 3 cases`, as the suite's line on stdout; nil for a suite that did not load.
    public func line(_ language: Language) -> String? {
        guard loaded else { return nil }
        return CommandText.suite(file: file.relativePath, failed: problems.count, cases: cases).line(language)
    }
}

extension AuditWorkspace {
    /// `ictaudit policy test`: runs the suites under `paths` (else the data's policies folder),
    /// writes a line per suite, its problems on standard error and the closing count; any failure
    /// ends with status 1.
    public func testPolicies(_ paths: [String], language: Language, output: CommandOutput) throws {
        let run = PolicyTestRun(try policyTestSuites(paths))
        for suite in run.suites {
            for problem in suite.problems { output.warn(problem.text(language)) }
            if let line = suite.line(language) { output.print(line) }
        }
        output.print(run.summary(language))
        if run.failures > 0 { throw CommandStatus(1) }
    }
}
