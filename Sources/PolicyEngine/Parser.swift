/// A Pratt parser from tokens to `Expr`, with CEL's precedence and left associativity.
///
/// Operators are parsed generically; what they mean for which types is the checker's business,
/// so new operator meanings need no parser change.
struct Parser {
    private let tokens: [Token]
    private var index = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func parse(_ text: String) throws(ExpressionError) -> Expr {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        if case .end = parser.current.kind {
            throw ExpressionError(.empty, at: parser.current.position)
        }
        let expr = try parser.expression()
        if case .end = parser.current.kind { return expr }
        throw ExpressionError(.trailing(parser.current.kind.found), at: parser.current.position)
    }

    private var current: Token { tokens[index] }
    private var previousEnd: Int { index > 0 ? tokens[index - 1].end : 0 }

    private mutating func take() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private mutating func expect(_ symbol: String, closing opener: Token? = nil)
        throws(ExpressionError)
    {
        guard isSymbol(symbol) else {
            throw ExpressionError(
                .expected(
                    symbol, found: current.kind.found, closing: opener.map { $0.kind.spelling.trimmingQuotes },
                    column: opener?.position.column),
                at: current.position)
        }
        _ = take()
    }

    /// The binary operator the current token spells, if any.
    private var binaryOperator: BinaryOperator? {
        switch current.kind {
        case .symbol(let s): BinaryOperator(rawValue: s)
        case .keyword("in"): .in
        default: nil
        }
    }

    mutating func expression(minPrecedence: Int = 0) throws(ExpressionError) -> Expr {
        var left = try unary()
        while let op = binaryOperator, op.precedence > minPrecedence {
            let opToken = take()
            let right = try expression(minPrecedence: op.precedence)
            left = Expr(
                kind: .binary(op, left, right), position: opToken.position,
                span: left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> Expr {
        if isSymbol("!") || isSymbol("-") {
            let opToken = take()
            let op: UnaryOperator = opToken.kind == .symbol("!") ? .not : .negate
            let operand = try unary()
            return Expr(
                kind: .unary(op, operand), position: opToken.position,
                span: opToken.position.offset..<operand.span.upperBound)
        }
        return try postfix()
    }

    private mutating func postfix() throws(ExpressionError) -> Expr {
        var expr = try primary()
        while true {
            if isSymbol(".") {
                _ = take()
                let nameToken = take()
                guard case .identifier(let name) = nameToken.kind else {
                    throw ExpressionError(.fieldName(found: nameToken.kind.found), at: nameToken.position)
                }
                if isSymbol("(") {
                    let arguments = try argumentList()
                    expr = Expr(
                        kind: .call(receiver: expr, function: name, arguments: arguments),
                        position: nameToken.position,
                        span: expr.span.lowerBound..<previousEnd)
                } else {
                    expr = Expr(
                        kind: .select(expr, field: name), position: nameToken.position,
                        span: expr.span.lowerBound..<nameToken.end)
                }
            } else if isSymbol("[") {
                let open = take()
                let subscriptExpr = try expression()
                try expect("]", closing: open)
                expr = Expr(
                    kind: .index(expr, subscriptExpr), position: open.position,
                    span: expr.span.lowerBound..<previousEnd)
            } else {
                return expr
            }
        }
    }

    private mutating func argumentList() throws(ExpressionError) -> [Expr] {
        let open = take()
        var arguments: [Expr] = []
        if !isSymbol(")") {
            repeat {
                arguments.append(try expression())
            } while consume(",")
        }
        try expect(")", closing: open)
        return arguments
    }

    private mutating func consume(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        _ = take()
        return true
    }

    private mutating func primary() throws(ExpressionError) -> Expr {
        let token = take()
        let span = token.position.offset..<token.end
        func node(_ kind: ExprKind) -> Expr {
            Expr(kind: kind, position: token.position, span: span)
        }
        switch token.kind {
        case .int(let value): return node(.literal(.int(value)))
        case .double(let value): return node(.literal(.double(value)))
        case .duration(let value): return node(.literal(.duration(value)))
        case .string(let value): return node(.literal(.string(value)))
        case .keyword("true"): return node(.literal(.bool(true)))
        case .keyword("false"): return node(.literal(.bool(false)))
        case .keyword("null"): return node(.literal(.null))
        case .identifier(let name):
            if isSymbol("(") {
                let arguments = try argumentList()
                return Expr(
                    kind: .call(receiver: nil, function: name, arguments: arguments),
                    position: token.position,
                    span: token.position.offset..<previousEnd)
            }
            return node(.identifier(name))
        case .symbol("("):
            var inner = try expression()
            try expect(")", closing: token)
            inner.span = token.position.offset..<previousEnd
            return inner
        case .symbol("["):
            var elements: [Expr] = []
            while !isSymbol("]") {
                elements.append(try expression())
                if !consume(",") { break }
            }
            try expect("]", closing: token)
            return Expr(
                kind: .list(elements), position: token.position,
                span: token.position.offset..<previousEnd)
        case .end:
            throw ExpressionError(.endsEarly, at: token.position)
        default:
            throw ExpressionError(.expectedValue(found: token.kind.found), at: token.position)
        }
    }
}

extension Token.Kind {
    /// How the token reads in an error message.
    var spelling: String {
        switch self {
        case .identifier(let name): "'\(name)'"
        case .keyword(let word): "'\(word)'"
        case .int(let value): "'\(value)'"
        case .double(let value): "'\(value)'"
        case .duration(let seconds): "a duration of \(Int64(seconds)) seconds"
        case .string(let value): "the string \"\(value)\""
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the expression"
        }
    }

    /// The token as a problem names it, in either language.
    var found: ExpressionProblem.Found {
        switch self {
        case .identifier(let name): .token(name)
        case .keyword(let word): .token(word)
        case .int(let value): .token("\(value)")
        case .double(let value): .token("\(value)")
        case .duration(let seconds): .duration(seconds: Int64(seconds))
        case .string(let value): .string(value)
        case .symbol(let symbol): .token(symbol)
        case .end: .end
        }
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
