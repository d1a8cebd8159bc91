import Testing

@testable import PolicyEngine

/// Renders the AST as an S-expression, so precedence is visible in one string.
func sexpr(_ expr: Expr) -> String {
    switch expr.kind {
    case .literal(.null): "null"
    case .literal(.bool(let b)): String(b)
    case .literal(.int(let i)): String(i)
    case .literal(.double(let d)): String(d)
    case .literal(.duration(let seconds)): "\(Int64(seconds))s"
    case .literal(.string(let s)): "\"\(s)\""
    case .list(let items): "[" + items.map(sexpr).joined(separator: " ") + "]"
    case .identifier(let name): name
    case .select(let base, let field): "\(sexpr(base)).\(field)"
    case .index(let base, let i): "\(sexpr(base))[\(sexpr(i))]"
    case .call(let receiver, let function, let args):
        (receiver.map { sexpr($0) + "." } ?? "") + function + "("
            + args.map(sexpr).joined(separator: " ") + ")"
    case .unary(let op, let operand): "(\(op.rawValue) \(sexpr(operand)))"
    case .binary(let op, let l, let r): "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
    }
}

func parseError(_ text: String) -> ExpressionError? {
    do {
        _ = try Parser.parse(text)
        return nil
    } catch {
        return error
    }
}

struct LexerTests {
    @Test("Tokens carry their kind and 1-based line and column")
    func tokensAndPositions() throws {
        let tokens = try Lexer.tokenize("a.b <= 'x'\n  && 1.5e3 >= 42")
        #expect(
            tokens.map(\.kind) == [
                .identifier("a"), .symbol("."), .identifier("b"), .symbol("<="), .string("x"),
                .symbol("&&"), .double(1500), .symbol(">="), .int(42), .end,
            ])
        #expect(tokens[4].position == SourcePosition(offset: 7, line: 1, column: 8))
        #expect(tokens[5].position == SourcePosition(offset: 13, line: 2, column: 3))
    }

    @Test("Both quote styles decode escapes, including \\u and \\x")
    func stringEscapes() throws {
        let tokens = try Lexer.tokenize(#""a\"b\n\\" 'it\'s' "\u00e1\x41""#)
        #expect(tokens.map(\.kind) == [.string("a\"b\n\\"), .string("it's"), .string("áA"), .end])
    }

    @Test("Keywords are not identifiers")
    func keywords() throws {
        let tokens = try Lexer.tokenize("true false null in inside")
        #expect(
            tokens.map(\.kind) == [
                .keyword("true"), .keyword("false"), .keyword("null"), .keyword("in"),
                .identifier("inside"), .end,
            ])
    }

    @Test("Unclosed strings and unknown escapes point at where they start")
    func stringErrors() {
        #expect(parseError(#"host.os.id == "debian"#)?.position.column == 15)
        #expect(parseError(#"host.os.id == "debian"#)?.message.contains("not closed") == true)
        #expect(parseError(#"host.os.id == "a\q""#)?.position.column == 17)
        #expect(parseError(#"host.os.id == "a\q""#)?.message == "unknown escape '\\q' in a string")
    }

    @Test("Unexpected characters and oversized integers are errors")
    func lexicalErrors() {
        #expect(parseError("host.port == 22 ; true")?.position.column == 17)
        #expect(
            parseError("host.port == 99999999999999999999")?.message
                == "the integer 99999999999999999999 is too large")
    }
}

struct ParserTests {
    @Test("&& binds tighter than ||, relations tighter than &&, as in CEL")
    func precedence() throws {
        #expect(sexpr(try Parser.parse("a || b && c")) == "(|| a (&& b c))")
        #expect(sexpr(try Parser.parse("a && b || c")) == "(|| (&& a b) c)")
        #expect(sexpr(try Parser.parse("a == 1 && b in [1, 2]")) == "(&& (== a 1) (in b [1 2]))")
        #expect(sexpr(try Parser.parse("!a == b")) == "(== (! a) b)")
        #expect(sexpr(try Parser.parse("(a || b) && !(c)")) == "(&& (|| a b) (! c))")
    }

    @Test("Operators of one level associate to the left")
    func leftAssociative() throws {
        #expect(sexpr(try Parser.parse("a || b || c")) == "(|| (|| a b) c)")
        #expect(sexpr(try Parser.parse("a < b == c")) == "(== (< a b) c)")
    }

    @Test("Member access, indexing, methods and macros parse as postfix chains")
    func postfix() throws {
        #expect(
            sexpr(try Parser.parse("host.sshd.permit_root_login")) == "host.sshd.permit_root_login")
        #expect(sexpr(try Parser.parse("host.interfaces[0].name")) == "host.interfaces[0].name")
        #expect(
            sexpr(try Parser.parse("host.listening.exists(s, s.port == 23)"))
                == "host.listening.exists(s (== s.port 23))")
        #expect(sexpr(try Parser.parse("size(host.antivirus) > 0")) == "(> size(host.antivirus) 0)")
        #expect(sexpr(try Parser.parse("[1, 2,]")) == "[1 2]")
    }

    @Test("Nodes record the position errors point at: operator, field or function name")
    func nodePositions() throws {
        let expr = try Parser.parse("host.sshd.x == 'no'")
        guard case .binary(_, let left, _) = expr.kind else {
            Issue.record("expected a binary node")
            return
        }
        #expect(expr.position.column == 13)
        #expect(left.position.column == 11)
        #expect(left.span == 0..<11)
    }

    @Test("Syntax errors name what was expected and where")
    func syntaxErrors() {
        let early = parseError("host.port ==")
        #expect(early?.message == "the expression ends too early; a value is missing")
        #expect(early?.position.column == 13)
        let unclosed = parseError("(host.port == 1")
        #expect(
            unclosed?.message
                == "expected ')' but found the end of the expression (to close the '(' at column 1)"
        )
        #expect(
            parseError("host.port == 1 1")?.message
                == "unexpected '1' after the end of the expression")
        #expect(parseError("host..port")?.position.column == 6)
        #expect(parseError("   ")?.message == "the expression is empty")
    }
}
