/// One lexical unit of an expression.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case keyword(String)
        case int(Int64)
        case double(Double)
        /// `7d`, `12h`, `1h30m`: a length of time, in seconds.
        case duration(Double)
        case string(String)
        /// Operators and punctuation, spelled as in the source (`==`, `(`, `.`).
        case symbol(String)
        case end
    }

    var kind: Kind
    var position: SourcePosition
    /// Offset just past the token's last scalar.
    var end: Int
}

/// Turns expression text into tokens.
///
/// Works on Unicode scalars because that is how libyaml counts columns, so offsets map straight
/// back into the policy file.
struct Lexer {
    /// Words that cannot be field or variable names.
    static let keywords: Set<String> = ["true", "false", "null", "in"]
    /// Longest first, so `<=` wins over `<`.
    static let symbols = [
        "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ",", ".", "+", "-",
        "*", "/", "%",
    ]

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func tokenize(_ text: String) throws(ExpressionError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var position: SourcePosition {
        SourcePosition(offset: index, line: line, column: column)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func next() throws(ExpressionError) -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
        let start = position
        guard let c = peek() else { return Token(kind: .end, position: start, end: index) }
        let kind: Token.Kind
        if c.isIdentifierStart {
            var name = ""
            while let c = peek(), c.isIdentifierStart || c.isDigit {
                name.unicodeScalars.append(c)
                advance()
            }
            kind = Self.keywords.contains(name) ? .keyword(name) : .identifier(name)
        } else if c.isDigit {
            kind = try number(start: start)
        } else if c == "\"" || c == "'" {
            kind = .string(try string(quote: c, start: start))
        } else if let symbol = Self.symbols.first(where: matches) {
            for _ in symbol.unicodeScalars { advance() }
            kind = .symbol(symbol)
        } else {
            throw ExpressionError(.unexpectedCharacter(String(c)), at: start)
        }
        return Token(kind: kind, position: start, end: index)
    }

    private func matches(_ symbol: String) -> Bool {
        for (i, s) in symbol.unicodeScalars.enumerated() where peek(i) != s { return false }
        return true
    }

    private mutating func number(start: SourcePosition) throws(ExpressionError) -> Token.Kind {
        var text = ""
        func digits(_ lexer: inout Lexer) {
            while let c = lexer.peek(), c.isDigit {
                text.unicodeScalars.append(c)
                lexer.advance()
            }
        }
        digits(&self)
        var isDouble = false
        // A fraction needs a digit after the dot; `1.size()` is not a number followed by a method.
        if peek() == ".", let next = peek(1), next.isDigit {
            isDouble = true
            text.append(".")
            advance()
            digits(&self)
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let hasSign = sign == "+" || sign == "-"
            if let d = peek(hasSign ? 2 : 1), d.isDigit {
                isDouble = true
                text.append("e")
                advance()
                if hasSign, let sign {
                    text.unicodeScalars.append(sign)
                    advance()
                }
                digits(&self)
            }
        }
        if !isDouble, let c = peek(), Self.durationUnits[c] != nil {
            return try duration(leading: text, start: start)
        }
        if let c = peek(), c.isIdentifierStart {
            throw ExpressionError(.afterNumber(String(c), number: text), at: position)
        }
        if isDouble {
            guard let value = Double(text) else {
                throw ExpressionError(.invalidNumber(text), at: start)
            }
            return .double(value)
        }
        guard let value = Int64(text) else {
            throw ExpressionError(.integerTooLarge(text), at: start)
        }
        return .int(value)
    }

    /// Seconds per duration unit: weeks, days, hours, minutes, seconds.
    static let durationUnits: [Unicode.Scalar: Double] = [
        "w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1,
    ]

    /// `7d`, `12h`, `1h30m`: whole numbers each followed by a unit, largest unit first.
    private mutating func duration(leading: String, start: SourcePosition)
        throws(ExpressionError) -> Token.Kind
    {
        var seconds = 0.0
        var number = leading
        var previousUnit = Double.infinity
        while true {
            guard let unitScalar = peek(), let unit = Self.durationUnits[unitScalar] else {
                throw ExpressionError(.durationUnit(after: number), at: position)
            }
            guard unit < previousUnit else {
                throw ExpressionError(.durationOrder, at: position)
            }
            previousUnit = unit
            guard let n = Double(number) else {
                throw ExpressionError(.invalidDuration, at: start)
            }
            seconds += n * unit
            advance()
            number = ""
            while let c = peek(), c.isDigit {
                number.unicodeScalars.append(c)
                advance()
            }
            if number.isEmpty { break }
        }
        if let c = peek(), c.isIdentifierStart {
            throw ExpressionError(.durationCharacter(String(c)), at: position)
        }
        guard seconds.isFinite, seconds < 1e15 else {
            throw ExpressionError(.durationTooLong, at: start)
        }
        return .duration(seconds)
    }

    private mutating func string(quote: Unicode.Scalar, start: SourcePosition)
        throws(ExpressionError) -> String
    {
        advance()
        var value = ""
        while true {
            guard let c = peek(), c != "\n" else {
                throw ExpressionError(.unclosedString(quote: String(quote)), at: start)
            }
            if c == quote {
                advance()
                return value
            }
            if c != "\\" {
                value.unicodeScalars.append(c)
                advance()
                continue
            }
            let escapeStart = position
            advance()
            guard let e = peek() else { continue }
            advance()
            switch e {
            case "\\", "\"", "'", "`", "?": value.unicodeScalars.append(e)
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "r": value.append("\r")
            case "a": value.unicodeScalars.append(Unicode.Scalar(7))
            case "b": value.unicodeScalars.append(Unicode.Scalar(8))
            case "f": value.unicodeScalars.append(Unicode.Scalar(12))
            case "v": value.unicodeScalars.append(Unicode.Scalar(11))
            case "x", "u", "U":
                let count = e == "x" ? 2 : e == "u" ? 4 : 8
                var hex = ""
                for _ in 0..<count {
                    guard let h = peek(), h.properties.isASCIIHexDigit else {
                        throw ExpressionError(.hexDigits(escape: String(e), count: count), at: escapeStart)
                    }
                    hex.unicodeScalars.append(h)
                    advance()
                }
                guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw ExpressionError(.invalidEscapedCharacter("\(e)\(hex)"), at: escapeStart)
                }
                value.unicodeScalars.append(scalar)
            default:
                throw ExpressionError(.unknownEscape(String(e)), at: escapeStart)
            }
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isDigit: Bool { ("0"..."9").contains(self) }
    fileprivate var isIdentifierStart: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_"
    }
}
