import Foundation

/// The workbook's sheets made on two threads of their own while ZIPFoundation deflates them on
/// the caller's.
///
/// ZIPFoundation deflates and checksums an entry on the thread that adds it (~7 ns a byte of XML,
/// three fifths of the XLSX time at two million findings), and must know each sheet's size
/// before its first byte. So one thread reads the tables into compact sheets (`XLSXSheet`, which
/// also sums the size and fills the shared strings), a second expands each into XML chunks of
/// exactly the size ZIPFoundation asks for (`XLSXSheetWriter`), and the caller only adds entries.
/// The hand-overs are bounded (one compact sheet waiting, a few chunks), so memory stays that of
/// at most three compact sheets and a megabyte of XML; the shared strings come last, when every
/// sheet has added to them.
final class XLSXPipeline: @unchecked Sendable {
    /// What the reading thread hands on: a sheet read, then the shared-strings part.
    enum Read {
        case sheet(XLSXSheet)
        case strings(Data)
    }

    /// What the archive takes, in order: per sheet its size then its chunks; the shared strings last.
    enum Made {
        case entry(size: Int)
        case chunk(Data)
        case strings(Data)
        case failed(XLSXError)
    }

    private let read = Handover<Read>(capacity: 1)
    private let made = Handover<Made>(capacity: 4)
    private var finished: [DispatchSemaphore] = []

    /// Starts both threads over `sheets` (each with whether it has a header row).
    init(
        sheets: [(XLSXReport.SheetPart, Bool)], offset: TimeInterval, strings: XLSXSharedStrings,
        memo: CleanedTexts, chunk: Int
    ) {
        let read = self.read, made = self.made
        let work = Unchecked((sheets, strings, memo))
        finished.append(
            Self.start("xlsx-read") {
                let (sheets, strings, memo) = work.value
                for (part, header) in sheets {
                    let sheet = XLSXSheet(part, header: header, offset: offset, strings: strings, memo: memo)
                    guard read.put(.sheet(sheet)) else { return }
                }
                _ = read.put(.strings(strings.xml(memo: memo)))
            })
        finished.append(
            Self.start("xlsx-expand") {
                while let item = read.take() {
                    switch item {
                    case .strings(let data):
                        _ = made.put(.strings(data))
                        return
                    case .sheet(let sheet):
                        guard made.put(.entry(size: sheet.size)) else { return }
                        let writer = XLSXSheetWriter(sheet, chunk: chunk)
                        var left = sheet.size
                        while left > 0 {
                            let data = writer.next(min(chunk, left))
                            guard made.put(.chunk(data)) else { return }
                            if data.isEmpty { break }
                            left -= data.count
                        }
                        guard writer.exhausted(), writer.written == sheet.size else {
                            _ = made.put(.failed(.sizeMismatch(sheet: sheet.part.name, declared: sheet.size, written: writer.written)))
                            return
                        }
                    }
                }
            })
    }

    /// The next item for the archive; nil only after `stop()`.
    func next() -> Made? { made.take() }

    /// Stops both threads (at once if they are still making) and waits for them to end.
    func stop() {
        read.close()
        made.close()
        for thread in finished { thread.wait() }
        finished = []
    }

    deinit { stop() }

    private static func start(_ name: String, _ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.name = name
        thread.start()
        return done
    }
}

/// A bounded first-in, first-out hand-over from one thread to another.
final class Handover<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item?] = []
    private var first = 0
    private let capacity: Int
    private var closed = false

    init(capacity: Int) { self.capacity = capacity }

    /// Adds `item` once there is room; false when the hand-over was closed (stop making).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - first >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The oldest item, once there is one; nil when the hand-over was closed.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while first == items.count && !closed { condition.wait() }
        guard !closed else { return nil }
        let item = items[first]
        items[first] = nil
        first += 1
        if first == items.count {
            items.removeAll(keepingCapacity: true)
            first = 0
        }
        condition.broadcast()
        return item
    }

    /// Wakes and refuses both sides from now on.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A value handed to another thread that only that thread uses from then on.
struct Unchecked<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
